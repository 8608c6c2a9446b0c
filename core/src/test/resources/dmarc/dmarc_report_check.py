#!/usr/bin/python3
"""An independent reader of DMARC aggregate reports (RFC 7489 section 7.2 and Appendix C), stdlib only.

Usage: dmarc_report_check.py REPORT(.xml|.xml.gz)

Checks the structure the Appendix C schema asks for (element order, required elements, enumerated values, integer
counts and timestamps, IP addresses), then prints one line per part:
  metadata ORG EMAIL REPORT_ID BEGIN END
  policy DOMAIN p=P sp=SP pct=PCT
  record IP count=N disposition=D dkim=R spf=R header_from=DOMAIN [reason=TYPE,...]
  auth IP dkim=DOMAIN:RESULT,... spf=DOMAIN:SCOPE:RESULT
  messages TOTAL
Exit status 0 when the report is well formed, 1 with a message on stderr otherwise.
"""
import gzip
import ipaddress
import sys
import xml.etree.ElementTree as ET

DISPOSITIONS = {"none", "quarantine", "reject"}
ALIGNED = {"pass", "fail"}
OVERRIDES = {"forwarded", "sampled_out", "trusted_forwarder", "mailing_list", "local_policy", "other"}
DKIM_RESULTS = {"none", "pass", "fail", "policy", "neutral", "temperror", "permerror"}
SPF_RESULTS = {"none", "neutral", "pass", "fail", "softfail", "temperror", "permerror"}


class Invalid(Exception):
    pass


def one(parent, name):
    found = parent.findall(name)
    if len(found) != 1:
        raise Invalid("<%s> needs exactly one <%s>, found %d" % (parent.tag, name, len(found)))
    return found[0]


def text(parent, name, allowed=None):
    value = (one(parent, name).text or "").strip()
    if allowed is not None and value not in allowed:
        raise Invalid("<%s>/<%s> is %r, not one of %s" % (parent.tag, name, value, sorted(allowed)))
    return value


def integer(parent, name):
    value = text(parent, name)
    if not value.lstrip("-").isdigit():
        raise Invalid("<%s>/<%s> is %r, not an integer" % (parent.tag, name, value))
    return int(value)


def optional(parent, name, allowed=None):
    return text(parent, name, allowed) if parent.find(name) is not None else None


def check(root):
    if root.tag != "feedback":
        raise Invalid("the root element is <%s>, not <feedback>" % root.tag)
    names = [child.tag for child in root]
    if names and names[0] == "version":
        names = names[1:]
    if names[:2] != ["report_metadata", "policy_published"] or len(names) < 3 or set(names[2:]) != {"record"}:
        raise Invalid("<feedback> children must be [version], report_metadata, policy_published, record+; got %s" % names)
    lines = []
    metadata = one(root, "report_metadata")
    date_range = one(metadata, "date_range")
    begin, end = integer(date_range, "begin"), integer(date_range, "end")
    if begin > end:
        raise Invalid("date_range begins after it ends")
    lines.append("metadata %s %s %s %d %d" % (text(metadata, "org_name"), text(metadata, "email"),
                                             text(metadata, "report_id"), begin, end))
    policy = one(root, "policy_published")
    for name in ("adkim", "aspf"):
        optional(policy, name, {"r", "s"})
    text(policy, "fo")
    lines.append("policy %s p=%s sp=%s pct=%d" % (text(policy, "domain"), text(policy, "p", DISPOSITIONS),
                                                   text(policy, "sp", DISPOSITIONS), integer(policy, "pct")))
    total = 0
    for record in root.findall("record"):
        if [child.tag for child in record] != ["row", "identifiers", "auth_results"]:
            raise Invalid("<record> children must be row, identifiers, auth_results")
        row = one(record, "row")
        ip = text(row, "source_ip")
        ipaddress.ip_address(ip)
        count = integer(row, "count")
        if count < 1:
            raise Invalid("record of %s counts %d messages" % (ip, count))
        total += count
        evaluated = one(row, "policy_evaluated")
        reasons = [text(reason, "type", OVERRIDES) for reason in evaluated.findall("reason")]
        identifiers = one(record, "identifiers")
        text(identifiers, "envelope_from")
        line = "record %s count=%d disposition=%s dkim=%s spf=%s header_from=%s" % (
            ip, count, text(evaluated, "disposition", DISPOSITIONS), text(evaluated, "dkim", ALIGNED),
            text(evaluated, "spf", ALIGNED), text(identifiers, "header_from"))
        lines.append(line + (" reason=" + ",".join(reasons) if reasons else ""))
        auth = one(record, "auth_results")
        spf = auth.findall("spf")
        if not spf:
            raise Invalid("record of %s has no SPF result" % ip)
        dkim = ["%s:%s" % (text(d, "domain"), text(d, "result", DKIM_RESULTS)) for d in auth.findall("dkim")]
        spf_results = ["%s:%s:%s" % (text(s, "domain"), text(s, "scope", {"helo", "mfrom"}),
                                     text(s, "result", SPF_RESULTS)) for s in spf]
        lines.append("auth %s dkim=%s spf=%s" % (ip, ",".join(dkim), ",".join(spf_results)))
    lines.append("messages %d" % total)
    return lines


def main(path):
    with open(path, "rb") as report:
        data = report.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    try:
        lines = check(ET.fromstring(data))
    except (Invalid, ET.ParseError, ValueError) as problem:
        print("invalid report: %s" % problem, file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
