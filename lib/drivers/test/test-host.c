/*
 * The simulated host: the preloaded test:///default, and hosts loaded from
 * and saved to a file for test:///ABSOLUTE/PATH.xml.
 *
 * File format (written by test_host_save, read by test_host_load):
 *
 *   <node>
 *     <host cpus='16' mhz='2000' memory='16777216' hostname='testhost'/>
 *     <domain-entry autostart='yes'><domain type='test'>...</domain></domain-entry>
 *     <network-entry active='yes' autostart='yes'><network>...</network></network-entry>
 *     <pool-entry active='yes' autostart='no'><pool type='dir'>...</pool></pool-entry>
 *   </node>
 *
 * Plain <domain>, <network> and <pool> children are accepted too. Loading
 * a file is booting the host: domains marked autostart start, the others
 * are shut off; networks and pools marked active (or autostart) are
 * started. Snapshots and the running state of domains are not saved.
 */
#include <config.h>

#include <string.h>

#include <glib/gstdio.h>
#include <libxml/tree.h>

#include "core/xml/xml-util.h"
#include "drivers/test/test-priv.h"

#define HOST_ERR(code, ...) cv_error_set((code), CV_FROM_TEST, __VA_ARGS__)

static guint
uuid_hash(gconstpointer key)
{
    guint h;

    memcpy(&h, key, sizeof(h));   /* UUIDs are random: any 4 bytes hash well */
    return h;
}

static gboolean
uuid_equal(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, CV_UUID_BUFLEN) == 0;
}

static test_host *
host_new(cv_connect *conn)
{
    test_host *host = g_new0(test_host, 1);

    g_rw_lock_init(&host->lock);
    host->conn = conn;
    host->doms_by_name = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify)test_dom_free);
    host->doms_by_uuid = g_hash_table_new_full(uuid_hash, uuid_equal, g_free, NULL);
    host->doms_by_id = g_hash_table_new(g_direct_hash, g_direct_equal);
    host->nets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify)test_net_free);
    host->pools = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify)test_pool_free);
    host->next_id = 1;
    host->cpus = 16;
    host->mhz = 2000;
    host->memory_kib = 16ULL << 20;
    host->hostname = g_strdup("testhost");
    return host;
}

void
test_host_free(test_host *host)
{
    if (!host)
        return;
    g_hash_table_unref(host->doms_by_id);
    g_hash_table_unref(host->doms_by_uuid);
    g_hash_table_unref(host->doms_by_name);
    g_hash_table_unref(host->nets);
    g_hash_table_unref(host->pools);
    if (host->tmpdir) {
        /* The default pool's directory is ours alone: remove what the
         * connection's users left in it. */
        g_autoptr(GDir) dir = g_dir_open(host->tmpdir, 0, NULL);
        const char *name;
        while (dir && (name = g_dir_read_name(dir))) {
            g_autofree char *p = g_build_filename(host->tmpdir, name, NULL);
            g_unlink(p);
        }
        g_rmdir(host->tmpdir);
        g_free(host->tmpdir);
    }
    g_free(host->file);
    g_free(host->hostname);
    g_rw_lock_clear(&host->lock);
    g_free(host);
}

static const char default_domain_xml[] =
    "<domain type='test'>"
    "  <name>test</name>"
    "  <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>"
    "  <memory unit='KiB'>8388608</memory>"
    "  <currentMemory unit='KiB'>2097152</currentMemory>"
    "  <vcpu>2</vcpu>"
    "  <os><type arch='x86_64'>hvm</type></os>"
    "  <on_poweroff>destroy</on_poweroff>"
    "  <on_reboot>restart</on_reboot>"
    "  <on_crash>destroy</on_crash>"
    "</domain>";

static const char default_network_xml[] =
    "<network>"
    "  <name>default</name>"
    "  <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>"
    "  <forward mode='nat'/>"
    "  <bridge name='virbr0' stp='on' delay='0'/>"
    "  <ip address='192.168.122.1' netmask='255.255.255.0'>"
    "    <dhcp><range start='192.168.122.2' end='192.168.122.254'/></dhcp>"
    "  </ip>"
    "</network>";

test_host *
test_host_new_default(cv_connect *conn)
{
    test_host *host = host_new(conn);
    g_autoptr(GError) gerr = NULL;
    g_autofree char *pool_xml = NULL;
    g_autofree char *epath = NULL;
    cv_domain_def *ddef;
    cv_network_def *ndef;
    cv_pool_def *pdef;
    test_dom *d;
    test_net *n;
    test_pool *p;

    host->tmpdir = g_dir_make_tmp("cloudvirt-test-pool-XXXXXX", &gerr);
    if (!host->tmpdir) {
        cv_error_set_gerror(CV_ERR_IO, CV_FROM_TEST, gerr,
                            "cannot make the default pool's directory");
        goto error;
    }
    epath = cv_xml_escape(host->tmpdir);
    pool_xml = g_strdup_printf("<pool type='dir'><name>default</name>"
                               "<uuid>35bb2ad9-388a-cdfe-461a-b8907f6e53fe</uuid>"
                               "<target><path>%s</path></target></pool>", epath);
    /* These definitions are ours and valid; a failure here is a bug. */
    if (!(ddef = cv_domain_def_parse(default_domain_xml)) ||
        test_dom_add(host, ddef, true, &d) < 0 ||
        test_dom_start_locked(host, d, false, CV_EVENT_STARTED_BOOTED) < 0 ||
        !(ndef = cv_network_def_parse(default_network_xml)) ||
        test_net_add(host, ndef, true, &n) < 0 ||
        !(pdef = cv_pool_def_parse(pool_xml)) ||
        test_pool_add(host, pdef, true, &p) < 0 ||
        test_pool_scan(p) < 0) {
        cv_error_prefix("building test:///default");
        goto error;
    }
    n->active = n->autostart = true;
    p->active = p->autostart = true;
    return host;

 error:
    test_host_free(host);
    return NULL;
}

/* ---- loading ---- */

static char *
node_xml(xmlNode *node)
{
    xmlBufferPtr b = xmlBufferCreate();
    char *s;

    xmlNodeDump(b, node->doc, node, 0, 0);
    s = g_strdup((const char *)xmlBufferContent(b));
    xmlBufferFree(b);
    return s;
}

static bool
yes(xmlNode *node, const char *attr)
{
    g_autofree char *v = cv_xml_prop(node, attr);

    return v && (g_str_equal(v, "yes") || g_str_equal(v, "1") || g_str_equal(v, "on"));
}

/* The definition element inside an *-entry wrapper, or the node itself. */
static xmlNode *
entry_inner(xmlNode *node, const char *kind)
{
    xmlNode *inner = cv_xml_child(node, kind);

    if (!inner)
        HOST_ERR(CV_ERR_XML, "<%s-entry> lacks its <%s>", kind, kind);
    return inner;
}

static int
load_host_attrs(test_host *host, xmlNode *h)
{
    static const char *const attrs[] = { "cpus", "mhz", "memory", "hostname", NULL };
    g_autofree char *cpus = cv_xml_prop(h, "cpus");
    g_autofree char *mhz = cv_xml_prop(h, "mhz");
    g_autofree char *mem = cv_xml_prop(h, "memory");
    guint64 v;

    if (cv_xml_check_known(h, NULL, attrs) < 0)
        return -1;
    if (cpus) {
        if (cv_xml_parse_u64(cpus, "<host cpus=''>", CV_DOMAIN_MAX_VCPUS, &v) < 0 || v == 0) {
            if (!cv_error_is_set())
                HOST_ERR(CV_ERR_XML, "<host cpus=''> must be at least 1");
            return -1;
        }
        host->cpus = (unsigned int)v;
    }
    if (mhz) {
        if (cv_xml_parse_u64(mhz, "<host mhz=''>", 1000000, &v) < 0)
            return -1;
        host->mhz = (unsigned int)v;
    }
    if (mem) {
        if (cv_xml_parse_u64(mem, "<host memory=''> (KiB)", CV_DOMAIN_MAX_MEMORY_KIB, &v) < 0)
            return -1;
        host->memory_kib = v;
    }
    {
        g_autofree char *hn = cv_xml_prop(h, "hostname");
        if (hn) {
            g_free(host->hostname);
            host->hostname = g_steal_pointer(&hn);
        }
    }
    return 0;
}

static int
load_child(test_host *host, xmlNode *c)
{
    const char *n = (const char *)c->name;
    bool entry = g_str_has_suffix(n, "-entry");
    xmlNode *inner = c;
    g_autofree char *xml = NULL;

    if (g_str_equal(n, "host"))
        return load_host_attrs(host, c);
    if (entry) {
        g_autofree char *kind = g_strndup(n, strlen(n) - strlen("-entry"));
        if (!(inner = entry_inner(c, kind)))
            return -1;
    }
    xml = node_xml(inner);
    if (g_str_equal((const char *)inner->name, "domain") && (!entry || g_str_equal(n, "domain-entry"))) {
        cv_domain_def *def = cv_domain_def_parse(xml);
        test_dom *d;
        if (!def || test_dom_add(host, def, true, &d) < 0)
            return -1;
        d->autostart = entry && yes(c, "autostart");
        if (d->autostart && test_dom_start_locked(host, d, false, CV_EVENT_STARTED_BOOTED) < 0)
            return -1;
        return 0;
    }
    if (g_str_equal((const char *)inner->name, "network") && (!entry || g_str_equal(n, "network-entry"))) {
        cv_network_def *def = cv_network_def_parse(xml);
        test_net *net;
        if (!def || test_net_add(host, def, true, &net) < 0)
            return -1;
        net->autostart = entry && yes(c, "autostart");
        net->active = !entry || yes(c, "active") || net->autostart;
        return 0;
    }
    if (g_str_equal((const char *)inner->name, "pool") && (!entry || g_str_equal(n, "pool-entry"))) {
        cv_pool_def *def = cv_pool_def_parse(xml);
        test_pool *p;
        if (!def || test_pool_add(host, def, true, &p) < 0)
            return -1;
        p->autostart = entry && yes(c, "autostart");
        if ((!entry || yes(c, "active") || p->autostart) &&
            g_file_test(p->def->target_path, G_FILE_TEST_IS_DIR)) {
            if (test_pool_scan(p) < 0)
                return -1;
            p->active = true;
        }
        return 0;
    }
    return HOST_ERR(CV_ERR_XML_UNSUPPORTED, "unsupported element <%s> in <node>", n);
}

test_host *
test_host_load(cv_connect *conn, const char *path)
{
    g_autoptr(GError) gerr = NULL;
    g_autofree char *text = NULL;
    g_autoptr(xmlDoc) doc = NULL;
    test_host *host;
    gsize len;

    if (!g_file_get_contents(path, &text, &len, &gerr)) {
        cv_error_set_gerror(CV_ERR_IO, CV_FROM_TEST, gerr, "cannot read host file");
        return NULL;
    }
    if (strlen(text) != len) {
        HOST_ERR(CV_ERR_XML, "host file '%s' contains a NUL byte", path);
        return NULL;
    }
    if (!(doc = cv_xml_parse(text, "node"))) {
        cv_error_prefix("host file '%s'", path);
        return NULL;
    }
    host = host_new(conn);
    for (xmlNode *c = xmlDocGetRootElement(doc)->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (load_child(host, c) < 0) {
            cv_error_prefix("host file '%s'", path);
            test_host_free(host);
            return NULL;
        }
    }
    host->file = g_strdup(path);
    return host;
}

/* ---- saving ---- */

static void
append_indented(GString *b, const char *xml, int indent)
{
    g_auto(GStrv) lines = g_strsplit(xml, "\n", -1);

    for (char **l = lines; *l; l++)
        if (**l)
            g_string_append_printf(b, "%*s%s\n", indent, "", *l);
}

int
test_host_save(test_host *host)
{
    g_autoptr(GString) b = NULL;
    g_autoptr(GError) gerr = NULL;
    g_autofree char *hn = NULL;
    GHashTableIter it;
    gpointer v;

    if (!host->file)
        return 0;
    hn = cv_xml_escape(host->hostname);
    b = g_string_new("<node>\n");
    g_string_append_printf(b, "  <host cpus='%u' mhz='%u' memory='%" G_GUINT64_FORMAT
                           "' hostname='%s'/>\n", host->cpus, host->mhz,
                           host->memory_kib, hn);
    g_hash_table_iter_init(&it, host->doms_by_name);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        test_dom *d = v;
        g_autofree char *xml = NULL;
        if (!d->def)
            continue;   /* transient domains live only as long as they run */
        xml = cv_domain_def_format(d->def, -1, CV_DOMAIN_DEF_FORMAT_INACTIVE);
        g_string_append_printf(b, "  <domain-entry autostart='%s'>\n",
                               d->autostart ? "yes" : "no");
        append_indented(b, xml, 4);
        g_string_append(b, "  </domain-entry>\n");
    }
    g_hash_table_iter_init(&it, host->nets);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        test_net *n = v;
        g_autofree char *xml = NULL;
        if (!n->persistent)
            continue;
        xml = cv_network_def_format(n->def);
        g_string_append_printf(b, "  <network-entry active='%s' autostart='%s'>\n",
                               n->active ? "yes" : "no", n->autostart ? "yes" : "no");
        append_indented(b, xml, 4);
        g_string_append(b, "  </network-entry>\n");
    }
    g_hash_table_iter_init(&it, host->pools);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        test_pool *p = v;
        g_autofree char *xml = cv_pool_def_format(p->def, 0, 0, 0);
        g_string_append_printf(b, "  <pool-entry active='%s' autostart='%s'>\n",
                               p->active ? "yes" : "no", p->autostart ? "yes" : "no");
        append_indented(b, xml, 4);
        g_string_append(b, "  </pool-entry>\n");
    }
    g_string_append(b, "</node>\n");
    /* CONSISTENT: written to a temporary file and renamed over the old one,
     * so a crash leaves either the old host or the new, never half. */
    if (!g_file_set_contents_full(host->file, b->str, (gssize)b->len,
                                  G_FILE_SET_CONTENTS_CONSISTENT, 0644, &gerr))
        return cv_error_set_gerror(CV_ERR_IO, CV_FROM_TEST, gerr,
                                   "cannot save the test host to '%s' (the change "
                                   "was made in memory only)", host->file);
    return 0;
}
