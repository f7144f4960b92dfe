// Next's production pages carry their React Server Components payload in inline <script> tags without a nonce, so
// script-src needs 'unsafe-inline' unless every page is rendered per request with a nonce from the proxy (that would
// make every page dynamic). Everything else is locked to this origin. Dev mode also needs eval (React's debugging).
const dev = process.env.NODE_ENV !== 'production'

const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
  // Tailwind's stylesheet is a file, but components set style attributes (virtualized rows, chart sizes).
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // API calls and the message explorer's Server-Sent Events go to this origin only.
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The Kafka clients open sockets and keep state per process; keep them out of the server bundle.
  serverExternalPackages: ['kafkajs', '@platformatic/kafka'],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: csp },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          // For browsers without CSP frame-ancestors.
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
          {
            key: 'Permissions-Policy',
            value:
              'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), interest-cohort=()',
          },
        ],
      },
    ]
  },
}

module.exports = nextConfig
