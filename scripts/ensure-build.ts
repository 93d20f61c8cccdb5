/** `npm start` on a fresh clone: build first when there is no production build yet. */
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

if (!existsSync(".next/BUILD_ID")) {
  console.log("> no production build found: running `npm run build` first (a few minutes on a fresh machine)");
  execSync("npm run build", { stdio: "inherit" });
}
