// Test setup through the real API (what the demo seed does not hold: budgets, settings). A signed-in session
// over plain fetch: the session cookie and the CSRF header, like the web client sends them.
import { DEMO_PASSWORD } from './LoginPage';

export class ApiSession {
  private constructor(
    private readonly base: string,
    private readonly cookie: string,
    private readonly csrf: string,
  ) {}

  static async signIn(base: string, username: string, password = DEMO_PASSWORD): Promise<ApiSession> {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`sign-in ${username}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { csrfToken: string };
    const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    return new ApiSession(base, cookie, body.csrfToken);
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}/api/v1${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        ...(method === 'GET' ? {} : { 'x-csrf-token': this.csrf }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
