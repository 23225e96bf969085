// A minimal cookie-keeping HTTP client for staff page tests without a browser: it remembers
// cookies, reads the CSRF token from the last page, and posts forms the way a browser would.
export class StaffBrowser {
  private readonly cookies = new Map<string, string>();
  private csrfToken: string | undefined;

  /** `headers` go with every request, as a proxy in front of the portal would add them. */
  constructor(
    readonly baseUrl: string,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  /** Another client holding copies of this one's cookies, as a stolen cookie would be. */
  copy(): StaffBrowser {
    const copy = new StaffBrowser(this.baseUrl, this.extraHeaders);
    for (const [name, value] of this.cookies) copy.cookies.set(name, value);
    copy.csrfToken = this.csrfToken;
    return copy;
  }

  async get(path: string): Promise<Response> {
    const response = await fetch(this.baseUrl + path, { redirect: 'manual', headers: this.headers() });
    this.remember(response);
    if (response.headers.get('content-type')?.startsWith('text/html')) {
      const html = await response.clone().text();
      this.csrfToken = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? this.csrfToken;
    }
    return response;
  }

  /**
   * Posts a form: fields URL-encoded, or a FormData as multipart (a file upload). The page's CSRF
   * token goes first, as a browser sends it; `csrf: false` leaves it out, as a forged form would.
   */
  async postForm(path: string, fields: Record<string, string> | FormData, options: { csrf?: boolean } = {}): Promise<Response> {
    const token: [string, string][] = options.csrf !== false && this.csrfToken ? [['_csrf', this.csrfToken]] : [];
    let body: URLSearchParams | FormData;
    if (fields instanceof FormData) {
      body = new FormData();
      for (const [name, value] of [...token, ...fields.entries()]) body.append(name, value);
    } else {
      body = new URLSearchParams([...token, ...Object.entries(fields)]);
    }
    // fetch sets the content type (and the multipart boundary) from the body.
    const response = await fetch(this.baseUrl + path, { method: 'POST', redirect: 'manual', headers: this.headers(), body });
    this.remember(response);
    return response;
  }

  /** Posts a body that is not a form at all (text/plain, JSON), as a forged request might. */
  async postRaw(path: string, body: string, contentType: string): Promise<Response> {
    const response = await fetch(this.baseUrl + path, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...this.headers(), 'Content-Type': contentType },
      body,
    });
    this.remember(response);
    return response;
  }

  /** Signs in through the form; fails the test if that does not work. */
  async signIn(credentials: { email: string; password: string }): Promise<void> {
    await this.get('/staff/sign-in');
    const response = await this.postForm('/staff/sign-in', credentials);
    if (response.status !== 302) throw new Error(`sign-in failed with ${response.status}: ${await response.text()}`);
  }

  private headers(): Record<string, string> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    return cookie ? { ...this.extraHeaders, Cookie: cookie } : { ...this.extraHeaders };
  }

  private remember(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const [name = '', ...value] = pair.split('=');
      const expired = attributes.some((attribute) => /^\s*(max-age=0|expires=Thu, 01 Jan 1970)/i.test(attribute));
      if (expired || value.join('=') === '') this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
  }
}
