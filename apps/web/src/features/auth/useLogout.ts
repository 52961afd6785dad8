import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { okSchema } from '../../api/lazySchemas';
import { dropSession } from './session';

/** Ends this session on the server and forgets it locally, even if the server is unreachable. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/auth/logout', okSchema(), {}, { redirectOn401: false }),
    // The session gate notices the missing session and shows the login page.
    onSettled: () => dropSession(queryClient, { reason: 'logout' }),
  });
}
