/*
 * Network XML <-> cv_network_def, with the address checks libvirt makes:
 * the address and prefix form a valid network, DHCP ranges and static
 * hosts lie inside it, and ranges run forwards.
 */
#include <config.h>

#include <arpa/inet.h>
#include <string.h>

#include "core/object.h"
#include "core/xml/network-conf.h"
#include "core/xml/xml-util.h"

static int
addr_parse(const char *text, cv_net_addr *out, const char *what)
{
    memset(out, 0, sizeof(*out));
    if (text && inet_pton(AF_INET, text, out->addr) == 1) {
        out->family = AF_INET;
        return 0;
    }
    if (text && inet_pton(AF_INET6, text, out->addr) == 1) {
        out->family = AF_INET6;
        return 0;
    }
    return cv_error_set(CV_ERR_XML, CV_FROM_XML, "%s: '%s' is not an IP address",
                        what, text ? text : "");
}

static char *
addr_format(const cv_net_addr *a)
{
    char buf[INET6_ADDRSTRLEN];

    inet_ntop(a->family, a->addr, buf, sizeof(buf));
    return g_strdup(buf);
}

static unsigned int
addr_bits(const cv_net_addr *a)
{
    return a->family == AF_INET ? 32 : 128;
}

/* Compares the first @prefix bits of two addresses of the same family. */
static gboolean
same_prefix(const cv_net_addr *a, const cv_net_addr *b, unsigned int prefix)
{
    unsigned int full = prefix / 8, rest = prefix % 8;

    if (a->family != b->family)
        return FALSE;
    if (memcmp(a->addr, b->addr, full) != 0)
        return FALSE;
    if (rest) {
        unsigned char mask = (unsigned char)(0xff << (8 - rest));
        if ((a->addr[full] & mask) != (b->addr[full] & mask))
            return FALSE;
    }
    return TRUE;
}

static int
addr_cmp(const cv_net_addr *a, const cv_net_addr *b)
{
    return memcmp(a->addr, b->addr, a->family == AF_INET ? 4 : 16);
}

static int
netmask_to_prefix(const char *text, unsigned int *prefix)
{
    cv_net_addr m;
    guint32 v;

    if (addr_parse(text, &m, "netmask") < 0)
        return -1;
    if (m.family != AF_INET)
        return cv_error_set(CV_ERR_XML, CV_FROM_XML,
                            "netmask '%s' is not IPv4 (use prefix= for IPv6)", text);
    memcpy(&v, m.addr, 4);
    v = ntohl(v);
    /* A valid mask is ones then zeros: inverting gives 2^n - 1. */
    if (((~v) & (~v + 1)) != 0)
        return cv_error_set(CV_ERR_XML, CV_FROM_XML,
                            "netmask '%s' is not contiguous", text);
    *prefix = 32 - (unsigned int)g_bit_storage(~v);
    if (v == 0)
        *prefix = 0;
    return 0;
}

static void
ip_free(cv_net_ip *ip)
{
    g_array_unref(ip->ranges);
    g_ptr_array_unref(ip->hosts);
    g_free(ip);
}

static void
host_free(cv_net_host *h)
{
    g_free(h->mac);
    g_free(h->name);
    g_free(h);
}

static cv_net_ip *
ip_new(void)
{
    cv_net_ip *ip = g_new0(cv_net_ip, 1);

    ip->ranges = g_array_new(FALSE, TRUE, sizeof(cv_net_range));
    ip->hosts = g_ptr_array_new_with_free_func((GDestroyNotify)host_free);
    return ip;
}

static cv_net_ip *
ip_parse(xmlNode *node, const char *netname)
{
    static const char *const elems[] = { "dhcp", NULL };
    static const char *const attrs[] = { "address", "netmask", "prefix", "family", NULL };
    cv_net_ip *ip = ip_new();
    g_autofree char *address = cv_xml_prop(node, "address");
    g_autofree char *netmask = cv_xml_prop(node, "netmask");
    g_autofree char *prefix = cv_xml_prop(node, "prefix");
    xmlNode *dhcp;

    if (cv_xml_check_known(node, elems, attrs) < 0 ||
        addr_parse(address, &ip->address, "<ip address=''>") < 0)
        goto error;
    if (netmask && prefix) {
        cv_error_set(CV_ERR_XML, CV_FROM_XML, "network '%s': <ip> has both netmask and prefix",
                     netname);
        goto error;
    }
    if (netmask) {
        if (netmask_to_prefix(netmask, &ip->prefix) < 0)
            goto error;
    } else if (prefix) {
        guint64 v;
        if (cv_xml_parse_u64(prefix, "<ip prefix=''>", addr_bits(&ip->address), &v) < 0)
            goto error;
        ip->prefix = (unsigned int)v;
    } else {
        ip->prefix = ip->address.family == AF_INET ? 24 : 64;
    }
    if ((dhcp = cv_xml_child(node, "dhcp"))) {
        static const char *const d_elems[] = { "range", "host", NULL };
        if (cv_xml_check_known(dhcp, d_elems, NULL) < 0)
            goto error;
        for (xmlNode *c = dhcp->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE)
                continue;
            if (xmlStrEqual(c->name, BAD_CAST "range")) {
                g_autofree char *s = cv_xml_prop(c, "start");
                g_autofree char *e = cv_xml_prop(c, "end");
                cv_net_range r;
                if (addr_parse(s, &r.start, "<range start=''>") < 0 ||
                    addr_parse(e, &r.end, "<range end=''>") < 0)
                    goto error;
                if (!same_prefix(&r.start, &ip->address, ip->prefix) ||
                    !same_prefix(&r.end, &ip->address, ip->prefix)) {
                    cv_error_set(CV_ERR_CONFIG, CV_FROM_XML,
                                 "network '%s': DHCP range %s-%s is outside %s/%u",
                                 netname, s, e, address, ip->prefix);
                    goto error;
                }
                if (addr_cmp(&r.start, &r.end) > 0) {
                    cv_error_set(CV_ERR_CONFIG, CV_FROM_XML,
                                 "network '%s': DHCP range %s-%s runs backwards",
                                 netname, s, e);
                    goto error;
                }
                g_array_append_val(ip->ranges, r);
            } else {
                cv_net_host *h = g_new0(cv_net_host, 1);
                g_autofree char *hip = cv_xml_prop(c, "ip");
                g_ptr_array_add(ip->hosts, h);
                h->mac = cv_xml_prop(c, "mac");
                h->name = cv_xml_prop(c, "name");
                if (addr_parse(hip, &h->ip, "<host ip=''>") < 0)
                    goto error;
                if (!same_prefix(&h->ip, &ip->address, ip->prefix)) {
                    cv_error_set(CV_ERR_CONFIG, CV_FROM_XML,
                                 "network '%s': host %s is outside %s/%u",
                                 netname, hip, address, ip->prefix);
                    goto error;
                }
            }
        }
    }
    return ip;

 error:
    ip_free(ip);
    return NULL;
}

void
cv_network_def_free(cv_network_def *def)
{
    if (!def)
        return;
    g_free(def->name);
    g_free(def->forward_mode);
    g_free(def->forward_dev);
    g_free(def->bridge);
    g_free(def->mac);
    g_free(def->domain);
    g_ptr_array_unref(def->ips);
    g_free(def);
}

static cv_network_def *
network_def_new(void)
{
    cv_network_def *def = g_new0(cv_network_def, 1);

    def->ips = g_ptr_array_new_with_free_func((GDestroyNotify)ip_free);
    return def;
}

cv_network_def *
cv_network_def_parse(const char *xml)
{
    static const char *const elems[] = {
        "name", "uuid", "forward", "bridge", "mac", "domain", "ip", NULL,
    };
    static const char *const modes[] = { "nat", "route", "bridge", "open", NULL };
    g_autoptr(xmlDoc) doc = cv_xml_parse(xml, "network");
    g_autoptr(cv_network_def) def = NULL;
    g_autofree char *uuid = NULL;
    xmlNode *root, *n;

    if (!doc)
        return NULL;
    root = xmlDocGetRootElement(doc);
    if (cv_xml_check_known(root, elems, NULL) < 0)
        return NULL;
    def = network_def_new();
    def->name = cv_xml_child_text(root, "name");
    if (!def->name) {
        cv_error_set(CV_ERR_XML, CV_FROM_XML, "<network> lacks a <name>");
        return NULL;
    }
    if (cv_xml_check_name(def->name, "network") < 0)
        return NULL;
    uuid = cv_xml_child_text(root, "uuid");
    if (uuid) {
        if (cv_uuid_parse(uuid, def->uuid) < 0) {
            cv_error_set(CV_ERR_XML, CV_FROM_XML, "network '%s': <uuid> '%s' is not a UUID",
                         def->name, uuid);
            return NULL;
        }
    } else {
        cv_uuid_generate(def->uuid);
    }
    if ((n = cv_xml_child(root, "forward"))) {
        static const char *const a[] = { "mode", "dev", NULL };
        if (cv_xml_check_known(n, NULL, a) < 0)
            return NULL;
        def->forward_mode = cv_xml_prop(n, "mode");
        if (!def->forward_mode)
            def->forward_mode = g_strdup("nat");
        if (!g_strv_contains(modes, def->forward_mode)) {
            cv_error_set(CV_ERR_XML_UNSUPPORTED, CV_FROM_XML,
                         "network '%s': forward mode '%s' is not supported "
                         "(supported: nat, route, bridge, open, or no <forward> "
                         "for an isolated network)", def->name, def->forward_mode);
            return NULL;
        }
        def->forward_dev = cv_xml_prop(n, "dev");
    }
    if ((n = cv_xml_child(root, "bridge"))) {
        static const char *const a[] = { "name", "stp", "delay", NULL };
        g_autofree char *stp = cv_xml_prop(n, "stp");
        g_autofree char *delay = cv_xml_prop(n, "delay");
        if (cv_xml_check_known(n, NULL, a) < 0)
            return NULL;
        def->bridge = cv_xml_prop(n, "name");
        if (def->bridge && (strlen(def->bridge) > 15 ||
                            cv_xml_check_name(def->bridge, "bridge") < 0)) {
            if (!cv_error_is_set())
                cv_error_set(CV_ERR_XML, CV_FROM_XML,
                             "network '%s': bridge name '%s' is longer than 15 characters",
                             def->name, def->bridge);
            return NULL;
        }
        def->stp = g_strcmp0(stp, "off") != 0;
        if (delay) {
            guint64 v;
            if (cv_xml_parse_u64(delay, "<bridge delay=''>", 3600, &v) < 0)
                return NULL;
            def->delay = (unsigned int)v;
        }
    }
    if ((n = cv_xml_child(root, "mac")))
        def->mac = cv_xml_prop(n, "address");
    if ((n = cv_xml_child(root, "domain")))
        def->domain = cv_xml_prop(n, "name");
    for (xmlNode *c = root->children; c; c = c->next) {
        cv_net_ip *ip;
        if (c->type != XML_ELEMENT_NODE || !xmlStrEqual(c->name, BAD_CAST "ip"))
            continue;
        if (!(ip = ip_parse(c, def->name)))
            return NULL;
        g_ptr_array_add(def->ips, ip);
    }
    return g_steal_pointer(&def);
}

char *
cv_network_def_format(const cv_network_def *def)
{
    GString *b = g_string_new("<network>\n");
    g_autofree char *name = cv_xml_escape(def->name);
    char uuid[CV_UUID_STRING_BUFLEN];

    cv_uuid_format(def->uuid, uuid);
    g_string_append_printf(b, "  <name>%s</name>\n  <uuid>%s</uuid>\n", name, uuid);
    if (def->forward_mode) {
        g_string_append_printf(b, "  <forward mode='%s'", def->forward_mode);
        if (def->forward_dev)
            g_string_append_printf(b, " dev='%s'", def->forward_dev);
        g_string_append(b, "/>\n");
    }
    if (def->bridge)
        g_string_append_printf(b, "  <bridge name='%s' stp='%s' delay='%u'/>\n",
                               def->bridge, def->stp ? "on" : "off", def->delay);
    if (def->mac)
        g_string_append_printf(b, "  <mac address='%s'/>\n", def->mac);
    if (def->domain)
        g_string_append_printf(b, "  <domain name='%s'/>\n", def->domain);
    for (guint i = 0; i < def->ips->len; i++) {
        const cv_net_ip *ip = g_ptr_array_index(def->ips, i);
        g_autofree char *a = addr_format(&ip->address);

        g_string_append_printf(b, "  <ip%s address='%s' prefix='%u'",
                               ip->address.family == AF_INET6 ? " family='ipv6'" : "",
                               a, ip->prefix);
        if (ip->ranges->len == 0 && ip->hosts->len == 0) {
            g_string_append(b, "/>\n");
            continue;
        }
        g_string_append(b, ">\n    <dhcp>\n");
        for (guint r = 0; r < ip->ranges->len; r++) {
            const cv_net_range *rg = &g_array_index(ip->ranges, cv_net_range, r);
            g_autofree char *s = addr_format(&rg->start);
            g_autofree char *e = addr_format(&rg->end);
            g_string_append_printf(b, "      <range start='%s' end='%s'/>\n", s, e);
        }
        for (guint h = 0; h < ip->hosts->len; h++) {
            const cv_net_host *ho = g_ptr_array_index(ip->hosts, h);
            g_autofree char *hip = addr_format(&ho->ip);
            g_autofree char *hname = cv_xml_escape(ho->name ? ho->name : "");
            g_string_append(b, "      <host");
            if (ho->mac)
                g_string_append_printf(b, " mac='%s'", ho->mac);
            if (ho->name)
                g_string_append_printf(b, " name='%s'", hname);
            g_string_append_printf(b, " ip='%s'/>\n", hip);
        }
        g_string_append(b, "    </dhcp>\n  </ip>\n");
    }
    g_string_append(b, "</network>\n");
    return g_string_free(b, FALSE);
}

cv_network_def *
cv_network_def_copy(const cv_network_def *def)
{
    /* Through the text form: one code path to keep right, and networks are
     * small and rarely copied. */
    g_autofree char *xml = cv_network_def_format(def);

    return cv_network_def_parse(xml);
}

gboolean
cv_network_def_overlaps(const cv_network_def *a, const cv_network_def *b, char **what)
{
    for (guint i = 0; i < a->ips->len; i++) {
        const cv_net_ip *x = g_ptr_array_index(a->ips, i);
        for (guint j = 0; j < b->ips->len; j++) {
            const cv_net_ip *y = g_ptr_array_index(b->ips, j);
            unsigned int p = MIN(x->prefix, y->prefix);

            /* Two CIDR blocks overlap exactly when they agree on the
             * shorter prefix. */
            if (same_prefix(&x->address, &y->address, p)) {
                if (what) {
                    g_autofree char *xa = addr_format(&x->address);
                    g_autofree char *ya = addr_format(&y->address);
                    *what = g_strdup_printf("%s/%u overlaps %s/%u of network '%s'",
                                            xa, x->prefix, ya, y->prefix, b->name);
                }
                return TRUE;
            }
        }
    }
    return FALSE;
}
