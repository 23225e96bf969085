// The stand-in's own pages (card entry, 3-D Secure), plain HTML forms: they work without
// JavaScript and fit a 375 px wide phone.

export type PageAnswer = { status: number; html: string } | { status: 303; location: string };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1f36;background:#f6f9fc}
main{max-width:28rem;margin:0 auto;padding:1rem;overflow-wrap:anywhere}
h1{font-size:1.4rem;margin:.5rem 0 1rem}
.test-mode{background:#fff4d6;border:1px solid #f5c24b;border-radius:.4rem;padding:.5rem .75rem;font-size:.9rem}
.error{background:#fde8e8;border:1px solid #e25950;border-radius:.4rem;padding:.5rem .75rem}
form{background:#fff;border:1px solid #e3e8ee;border-radius:.5rem;padding:1rem;margin:1rem 0}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input{width:100%;font:inherit;padding:.6rem;border:1px solid #c1c9d2;border-radius:.4rem}
.row{display:flex;gap:.75rem}.row>div{flex:1;min-width:0}
button{width:100%;font:inherit;font-weight:600;margin-top:1rem;padding:.7rem;border:0;border-radius:.4rem;background:#635bff;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#c0123c;border:1px solid #c0123c}
.amount{font-size:1.3rem;font-weight:600}
`;

export function page(title: string, body: string, status = 200): PageAnswer {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
  return { status, html };
}

export function redirect(location: string): PageAnswer {
  return { status: 303, location };
}
