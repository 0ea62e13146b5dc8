// Resolves a login_session profile with the AWS SDK for JavaScript v3's own provider and prints the
// result as JSON. Usage: node resolve.js PROFILE SIGNIN_ENDPOINT
const { fromLoginCredentials } = require("@aws-sdk/credential-provider-login");

const [profile, endpoint] = process.argv.slice(2);
fromLoginCredentials({ profile, clientConfig: { endpoint } })()
  .then((c) => {
    console.log(JSON.stringify({ accessKeyId: c.accessKeyId, accountId: c.accountId, expiration: c.expiration.toISOString() }));
  })
  .catch((e) => {
    console.error(e.name + ": " + e.message);
    process.exit(1);
  });
