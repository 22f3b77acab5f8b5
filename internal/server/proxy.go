package server

import (
	"net/http"
	"net/netip"
	"strings"

	"github.com/herald-news/herald/internal/httpx"
)

// proxies decides who a request comes from. Headers naming the client
// (Forwarded, X-Forwarded-For, X-Forwarded-Proto) are believed only when
// the connection comes from a trusted proxy, since anyone else can write
// them; without trusted proxies they are ignored altogether.
type proxies []netip.Prefix

// trusts reports whether addr is one of the trusted proxies.
func (p proxies) trusts(addr netip.Addr) bool {
	for _, pr := range p {
		if pr.Contains(addr) {
			return true
		}
	}
	return false
}

// client returns the client's address and whether it reached Herald over
// TLS. Behind trusted proxies the address is the nearest one in the
// forwarding chain, read from the right, that is not itself a trusted
// proxy: entries to its left were written by the client and prove nothing.
func (p proxies) client(r *http.Request) (ip string, tls bool) {
	remote := httpx.RemoteIP(r)
	addr, err := netip.ParseAddr(remote)
	if err != nil || !p.trusts(addr.Unmap()) {
		return remote, r.TLS != nil
	}
	chain, proto := forwarded(r.Header)
	client := addr.Unmap()
	for i := len(chain) - 1; i >= 0; i-- {
		hop, ok := parseHop(chain[i])
		if !ok {
			break
		}
		client = hop
		if !p.trusts(hop) {
			break
		}
	}
	return client.String(), r.TLS != nil || strings.EqualFold(proto, "https")
}

// forwarded returns the chain of client addresses a proxy reported, the
// client first, and the protocol the client used: from the standard
// Forwarded header when present, else from X-Forwarded-For and
// X-Forwarded-Proto.
func forwarded(h http.Header) (chain []string, proto string) {
	if values := h.Values("Forwarded"); len(values) > 0 {
		for _, v := range values {
			for elem := range strings.SplitSeq(v, ",") {
				for pair := range strings.SplitSeq(elem, ";") {
					k, val, _ := strings.Cut(strings.TrimSpace(pair), "=")
					val = strings.Trim(val, `"`)
					switch strings.ToLower(k) {
					case "for":
						chain = append(chain, val)
					case "proto":
						proto = val
					}
				}
			}
		}
		return chain, proto
	}
	for _, v := range h.Values("X-Forwarded-For") {
		for hop := range strings.SplitSeq(v, ",") {
			chain = append(chain, strings.TrimSpace(hop))
		}
	}
	protos := strings.Split(h.Get("X-Forwarded-Proto"), ",")
	return chain, strings.TrimSpace(protos[len(protos)-1])
}

// parseHop reads one address of a forwarding chain: "192.0.2.1",
// "192.0.2.1:4711", "2001:db8::1" or "[2001:db8::1]:4711". Obfuscated
// identifiers ("unknown", "_hidden") are not addresses.
func parseHop(s string) (netip.Addr, bool) {
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap(), true
	}
	a, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(s, "["), "]"))
	if err != nil || a.Zone() != "" {
		return netip.Addr{}, false
	}
	return a.Unmap(), true
}
