// @ts-check
import { STATIC_SECURITY_HEADERS } from "./lib/security/static-headers.js";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with a 403 when a signed-in person lacks a permission.
  experimental: { authInterrupts: true },
  // The embedded database and the migration tooling load WebAssembly from node_modules at
  // run time; bundling them would break their file lookups.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
    "@prisma/schema-engine-wasm",
    "pg",
    "@azure/msal-node",
    "@react-pdf/renderer",
  ],
  async headers() {
    return [{ source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] }];
  },
};

export default nextConfig;
