// The dashboard page: an ordinary Vite build of dashboard/index.html into dashboard/dist.
import { defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  base: "./",
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  logLevel: "warn",
});
