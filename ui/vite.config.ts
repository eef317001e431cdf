import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The build goes to ui/dist, which the gateway serves at `/`.
export default defineConfig({
  base: "/",
  // `npm --prefix ui run dev` against a platform started with `npm start` on the default port.
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (/node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/.test(id)) return "react";
          if (/node_modules[\\/]@mantine[\\/](core|hooks)[\\/]/.test(id)) return "mantine";
          return undefined;
        },
      },
    },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test-setup.ts"],
    css: false,
    // The machine is shared; rendering the whole patient form in jsdom can take seconds.
    testTimeout: 60_000,
  },
} as any);
