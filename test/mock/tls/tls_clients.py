"""HTTPS clients from Python for handshake.test.ts: prints one JSON list of outcomes.

  python3 tls_clients.py ssl CAFILE URL...       ssl.create_default_context(cafile=CAFILE), as boto3's
                                                  stack builds it, plus VERIFY_X509_STRICT (the default
                                                  from Python 3.13); CAFILE '' means the system store.
  python3 tls_clients.py botocore CAFILE URL...  botocore's URLLib3Session, with verify=CAFILE and then
                                                  verify=True (the system store).
"""
import http.client
import json
import ssl
import sys


def with_ssl(cafile, urls):
    out = []
    for url in urls:
        host, port = url[len("https://"):].rsplit(":", 1)
        ctx = ssl.create_default_context(cafile=cafile) if cafile else ssl.create_default_context()
        ctx.verify_flags |= ssl.VERIFY_X509_STRICT
        try:
            conn = http.client.HTTPSConnection(host.strip("[]"), int(port), context=ctx, timeout=20)
            conn.request("GET", "/")
            out.append({"url": url, "status": conn.getresponse().status, "version": conn.sock.version()})
        except ssl.SSLCertVerificationError as e:
            out.append({"url": url, "verify_error": e.verify_message})
    return out


def with_botocore(cafile, urls):
    from botocore.awsrequest import AWSRequest
    from botocore.exceptions import SSLError
    from botocore.httpsession import URLLib3Session

    out = []
    for url in urls:
        for verify in (cafile, True):
            try:
                r = URLLib3Session(verify=verify).send(AWSRequest(method="GET", url=url).prepare())
                out.append({"url": url, "trusting": verify is cafile, "status": r.status_code})
            except SSLError as e:
                out.append({"url": url, "trusting": verify is cafile, "ssl_error": str(e)})
    return out


if __name__ == "__main__":
    mode, cafile, urls = sys.argv[1], sys.argv[2], sys.argv[3:]
    print(json.dumps(with_ssl(cafile, urls) if mode == "ssl" else with_botocore(cafile, urls)))
