// Resolves credentials with the AWS SDK for JavaScript v3's default chain, one case per line.
// Reads JSON lines {"id", "env"} on stdin; answers {"id", "ok", "access_key", "secret_key", "token", "account_id"}
// or {"id", "ok": false, "error"} on stdout. The process environment is replaced by the case's for the case.
import { createInterface } from "node:readline";
import { defaultProvider } from "@aws-sdk/credential-provider-node";

const base = {};
for (const k of ["PATH", "LANG", "TMPDIR"]) if (process.env[k] !== undefined) base[k] = process.env[k];

async function resolve(c) {
  for (const k of Object.keys(process.env)) delete process.env[k];
  Object.assign(process.env, base, c.env);
  // A new chain per case; ignoreCache so the shared files are read again for every case.
  const creds = await defaultProvider({ ignoreCache: true })();
  return { ok: true, access_key: creds.accessKeyId, secret_key: creds.secretAccessKey,
           token: creds.sessionToken ?? null, account_id: creds.accountId ?? null };
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const c = JSON.parse(line);
  let answer;
  try {
    answer = await resolve(c);
  } catch (e) {
    answer = { ok: false, error: e?.name ?? String(e) };
  }
  answer.id = c.id;
  process.stdout.write(JSON.stringify(answer) + "\n");
}
