/** What every renderer produces: the parts of a message that do not depend on the recipient's address. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}
