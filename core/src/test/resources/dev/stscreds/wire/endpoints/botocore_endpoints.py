# Prints, one JSON object a line, the endpoint botocore's own resolver picks for every region of its
# partitions.json, each service, FIPS/dual-stack on/off, legacy/regional STS and with/without an
# endpoint override. Read by a test that evaluates the same cases with stscreds' rules evaluator.
import json
import os
import sys

for name in list(os.environ):
    if name.startswith("AWS_"):
        del os.environ[name]
os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull

import botocore.session
from botocore.config import Config
from botocore.exceptions import BotoCoreError, EndpointResolutionError

SERVICES = {"sts": "GetCallerIdentity", "sso": "GetRoleCredentials", "sso-oidc": "CreateToken",
            "signin": None, "rolesanywhere": None}
OVERRIDE = "https://endpoint.example.com/custom"

session = botocore.session.get_session()
data_path = os.path.join(os.path.dirname(botocore.__file__), "data", "partitions.json")
with open(data_path) as f:
    regions = [r for p in json.load(f)["partitions"] for r in p["regions"]]
regions += sys.argv[1:]

out = sys.stdout
for service, operation in SERVICES.items():
    for mode in (["regional", "legacy"] if service == "sts" else ["regional"]):
        session.set_config_variable("sts_regional_endpoints", mode)
        for region in regions:
            for fips in (False, True):
                for dual in (False, True):
                    for override in (None, OVERRIDE):
                        case = {"service": service, "region": region, "fips": fips, "dualstack": dual,
                                "legacy": mode == "legacy", "override": override}
                        try:
                            client = session.create_client(
                                service, region_name=region, endpoint_url=override,
                                aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
                                config=Config(use_fips_endpoint=fips, use_dualstack_endpoint=dual))
                            model = client.meta.service_model
                            op = model.operation_model(operation or model.operation_names[0])
                            endpoint = client._ruleset_resolver.construct_endpoint(op, {}, {})
                            schemes = endpoint.properties.get("authSchemes") or [{}]
                            case["url"] = endpoint.url
                            case["signingRegion"] = schemes[0].get("signingRegion", region)
                        except EndpointResolutionError as e:
                            case["error"] = str(e)
                        except BotoCoreError as e:
                            # refused while the client is made, before any rule is evaluated
                            case["error"] = str(e)
                            case["clientError"] = True
                        out.write(json.dumps(case) + "\n")
