#!/usr/bin/python3
"""pyspf_zone_check.py - SPF results of Debian's pyspf for many cases, DNS from Postwarden JSON zones.

Reads one JSON object a line on standard input: {"zone": {...}, "ip": IP, "mailfrom": ADDR, "helo": NAME}
(the zone in Postwarden's JSON zone format, which is the openspf suite's zonedata), and prints one line a
case: the result keyword. DNS is served the way pyspf's own suite driver (testspf.py, shipped by the
python3-spf package) serves zonedata; IP keys of the zone are read as PTR names, as Postwarden reads them.
load_zone and dns_lookup are adapted from testspf.py (Stuart D. Gathman, Business Management Systems, 2006;
redistributable under the same terms as Python itself).
"""
import ipaddress
import json
import socket
import sys

import spf

zonedata = {}


def reverse_name(name):
    try:
        return ipaddress.ip_address(name).reverse_pointer
    except ValueError:
        return name


def load_zone(zone):
    """testspf.py's getrdata: SPF entries become TXT unless the name has TXT entries; NONE is no record."""
    data = {}
    for name, entries in zone.items():
        records, generated, gen = [], [], True
        for entry in entries:
            if isinstance(entry, str):
                records.append(entry)
                continue
            for rtype, value in entry.items():
                if rtype in ('TXT', 'SPF') and isinstance(value, str):
                    value = (value,)
                if rtype in ('TXT', 'SPF'):
                    value = tuple(value)
                if rtype == 'TXT':
                    gen = False
                elif rtype == 'SPF' and gen:
                    generated.append(('TXT', value, name))
                if value != ('NONE',):
                    records.append((rtype, tuple(value) if isinstance(value, list) else value, name))
        if gen:
            records.extend(generated)
        data[reverse_name(name).lower().rstrip('.')] = records
    return data


def dns_lookup(name, qtype, strict=True, timeout=None, level=0):
    """testspf.py's DNSLookup."""
    try:
        timeout = True
        labels = []
        for label in name.split('.'):
            if label:
                if len(label) > 63:
                    raise spf.TempError('DNS label too long')
                labels.append(label)
        name = '.'.join(labels)
        for i in zonedata[name.lower()]:
            if i in ('TIMEOUT', 'SERVFAIL'):
                if timeout:
                    raise spf.TempError('DNS timeout')
                return
            t, v, n = i
            if t == qtype:
                timeout = False
            if t == 'AAAA':
                v = bytes(socket.inet_pton(socket.AF_INET6, v))
            elif t in ('TXT', 'SPF'):
                v = tuple([s.encode('utf-8') for s in v])
            elif t == 'MX':
                v = tuple(v)
            yield ((n, t), v)
            if not level and t == 'CNAME':
                for j in dns_lookup(v, qtype, strict, timeout, 1):
                    yield j
    except KeyError:
        pass


spf.DNSLookup = dns_lookup


def main():
    global zonedata
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        zonedata = load_zone(case['zone'])
        try:
            query = spf.query(i=case['ip'], s=case['mailfrom'], h=case['helo'], strict=True)
            result = query.check()[0]
            result = {'unknown': 'permerror', 'error': 'temperror'}.get(result, result)
        except Exception as e:  # an oracle crash is an answer too, shown as such
            result = 'crash:' + type(e).__name__
        print(result, flush=True)


if __name__ == '__main__':
    main()
