import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the harness', () => {
  it('signs in a case manager through the login route and reads their session', async () => {
    const { response, agent } = await t.login(t.users.case_manager.email, TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const session = await agent.get('/api/v1/auth/session');
    expect(session.json().user.roles).toEqual(['case_manager']);
  });
});
