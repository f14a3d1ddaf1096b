// Copy Swagger UI (npm's swagger-ui-dist) next to the dashboard so /docs needs no CDN.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const from = join(here, "..", "node_modules", "swagger-ui-dist");
const to = join(here, "..", "..", "src", "sitroom", "serve", "static", "assets", "swagger");
mkdirSync(to, { recursive: true });
for (const name of ["swagger-ui-bundle.js", "swagger-ui.css"]) copyFileSync(join(from, name), join(to, name));
