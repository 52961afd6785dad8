import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { OkResponse } from '@teilhabe/shared';
import { api } from '../../api/client';
import { dropSession } from './session';

/** Ends this session on the server and forgets it locally, even if the server is unreachable. */
export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.post('/auth/logout', OkResponse, {}, { redirectOn401: false }),
    onSettled: () => {
      dropSession(queryClient, 'logout');
      void navigate('/anmelden', { replace: true, state: { loggedOut: true } });
    },
  });
}
