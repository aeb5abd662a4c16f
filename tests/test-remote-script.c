/*
 * One script over every driver-table entry, run unchanged against a local
 * and a remote connection; each step writes one line (the result, or the
 * error's code, module and message) so that the two logs can be compared
 * line by line. Steps include failures on purpose: errors must cross the
 * wire unchanged too.
 */
#include <config.h>

#include <string.h>

#include "test-remote-fixture.h"

typedef struct {
    cv_connect *c;
    GString *log;
    guint ok;
} sctx;

static void
line_end(sctx *x, gboolean ok)
{
    if (ok) {
        x->ok++;
    } else {
        const cv_error *e = cv_error_last();
        if (e)
            g_string_append_printf(x->log, " [%s/%s: %s]", cv_error_code_name(e->code),
                                   cv_error_module_name(e->module), e->message);
        else
            g_string_append(x->log, " [no error set]");
    }
    g_string_append_c(x->log, '\n');
}

static int
rec_int(sctx *x, const char *what, int r)
{
    g_string_append_printf(x->log, "%s = %d", what, r);
    line_end(x, r >= 0);
    return r;
}

static void
rec_str(sctx *x, const char *what, char *s)
{
    g_string_append_printf(x->log, "%s = %s", what, s ? s : "(null)");
    line_end(x, s != NULL);
    cv_free(s);
}

static void *
rec_ptr(sctx *x, const char *what, void *h, const char *name)
{
    g_string_append_printf(x->log, "%s -> %s", what, h ? name : "(null)");
    line_end(x, h != NULL);
    return h;
}

#define DOM_A_UUID "0b4f0c1e-5f6a-4e0c-9a55-3c1f8f7d2a01"
#define DOM_B_UUID "0b4f0c1e-5f6a-4e0c-9a55-3c1f8f7d2a02"
#define NET_UUID "5a1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
#define POOL_UUID "9f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0"
#define DISK_XML \
    "<disk type='file' device='disk'><source file='/var/lib/x/data.img'/>" \
    "<target dev='vdb' bus='virtio'/></disk>"

static void
script_connection(sctx *x)
{
    unsigned long ver = 0;
    cv_node_info ni = CV_NODE_INFO_INIT;
    int r;

    rec_str(x, "hostname", cv_connect_get_hostname(x->c));
    r = rec_int(x, "version", cv_connect_get_version(x->c, &ver));
    g_string_append_printf(x->log, "  version value %lu\n", r == 0 ? ver : 0);
    rec_int(x, "is_alive", cv_connect_is_alive(x->c));
    r = rec_int(x, "node_info", cv_connect_get_node_info(x->c, &ni));
    g_string_append_printf(x->log, "  node %s %" G_GUINT64_FORMAT " %u %u %u %u %u %u\n",
                           ni.model, (guint64)ni.memory_kib, ni.cpus, ni.mhz, ni.nodes,
                           ni.sockets, ni.cores, ni.threads);
    rec_str(x, "capabilities", cv_connect_get_capabilities(x->c, 0));
}

static void
log_domain_info(sctx *x, cv_domain *d)
{
    cv_domain_info di = CV_DOMAIN_INFO_INIT;
    int state = -1, reason = -1, as = -1;

    if (rec_int(x, "  get_info", cv_domain_get_info(d, &di)) == 0)
        g_string_append_printf(x->log, "  info %d %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
                               " %u %u\n", di.state, (guint64)di.max_memory_kib,
                               (guint64)di.memory_kib, di.nr_vcpus, di.max_vcpus);
    rec_int(x, "  get_state", cv_domain_get_state(d, &state, &reason, 0));
    g_string_append_printf(x->log, "  state %d reason %d\n", state, reason);
    rec_int(x, "  is_active", cv_domain_is_active(d));
    rec_int(x, "  is_persistent", cv_domain_is_persistent(d));
    g_string_append_printf(x->log, "  id %d\n", cv_domain_get_id(d));
    rec_int(x, "  get_autostart", cv_domain_get_autostart(d, &as));
    g_string_append_printf(x->log, "  autostart %d\n", as);
}

static void
log_domain_list(sctx *x, unsigned int flags)
{
    cv_domain **l = NULL;
    int n = rec_int(x, "list_all_domains", cv_connect_list_all_domains(x->c, &l, flags));

    for (int i = 0; i < n; i++) {
        char u[CV_UUID_STRING_BUFLEN];
        cv_domain_get_uuid_string(l[i], u);
        g_string_append_printf(x->log, "  %s %s\n", cv_domain_get_name(l[i]), u);
        cv_domain_free(l[i]);
    }
    cv_free(l);
}

static void
script_domains(sctx *x)
{
    unsigned char uuid[CV_UUID_BUFLEN];
    cv_domain *a, *b, *h;
    cv_snapshot *s, *s2;
    cv_snapshot **sl = NULL;
    int n;

    log_domain_list(x, 0);
    a = rec_ptr(x, "define a", cv_domain_define_xml(x->c, RT_DOM_XML("a", DOM_A_UUID), 0), "a");
    rec_ptr(x, "define bad xml", cv_domain_define_xml(x->c, "<domain><name>", 0), "x");
    rec_ptr(x, "define duplicate uuid",
            cv_domain_define_xml(x->c, RT_DOM_XML("a2", DOM_A_UUID), 0), "a2");
    if (!a)
        return;
    log_domain_info(x, a);
    rec_int(x, "start a", cv_domain_start(a, 0));
    rec_int(x, "start a again", cv_domain_start(a, 0));
    log_domain_info(x, a);
    h = rec_ptr(x, "lookup_by_name a", cv_domain_lookup_by_name(x->c, "a"), "a");
    cv_domain_free(h);
    rec_ptr(x, "lookup_by_name missing", cv_domain_lookup_by_name(x->c, "missing"), "?");
    cv_domain_get_uuid(a, uuid);
    h = rec_ptr(x, "lookup_by_uuid a", cv_domain_lookup_by_uuid(x->c, uuid), "a");
    cv_domain_free(h);
    h = rec_ptr(x, "lookup_by_id", cv_domain_lookup_by_id(x->c, cv_domain_get_id(a)), "a");
    cv_domain_free(h);
    rec_ptr(x, "lookup_by_id 999", cv_domain_lookup_by_id(x->c, 999), "?");
    rec_str(x, "xml a", cv_domain_get_xml_desc(a, 0));
    rec_int(x, "set_vcpus 1 live", cv_domain_set_vcpus(a, 1, CV_DOMAIN_AFFECT_LIVE));
    rec_int(x, "set_vcpus 64 config max", cv_domain_set_vcpus(a, 64, CV_DOMAIN_AFFECT_CONFIG |
                                                              CV_DOMAIN_SET_MAXIMUM));
    rec_int(x, "set_memory 65536", cv_domain_set_memory(a, 65536, 0));
    rec_int(x, "set_memory huge", cv_domain_set_memory(a, G_MAXUINT64 / 2, 0));
    rec_int(x, "attach disk", cv_domain_attach_device(a, DISK_XML, CV_DOMAIN_AFFECT_LIVE));
    rec_int(x, "attach disk twice", cv_domain_attach_device(a, DISK_XML, CV_DOMAIN_AFFECT_LIVE));
    rec_str(x, "xml a after attach", cv_domain_get_xml_desc(a, 0));
    rec_int(x, "detach disk", cv_domain_detach_device(a, DISK_XML, CV_DOMAIN_AFFECT_LIVE));
    rec_int(x, "suspend a", cv_domain_suspend(a, 0));
    log_domain_info(x, a);
    rec_int(x, "resume a", cv_domain_resume(a, 0));
    rec_int(x, "reboot a", cv_domain_reboot(a, 0));
    rec_int(x, "set_autostart a", cv_domain_set_autostart(a, 1, 0));
    log_domain_info(x, a);

    s = rec_ptr(x, "snapshot create s1", cv_snapshot_create_xml(
                    a, "<domainsnapshot><name>s1</name></domainsnapshot>", 0), "s1");
    s2 = rec_ptr(x, "snapshot create s2", cv_snapshot_create_xml(
                     a, "<domainsnapshot><name>s2</name></domainsnapshot>", 0), "s2");
    n = rec_int(x, "list snapshots", cv_domain_list_all_snapshots(a, &sl, 0));
    for (int i = 0; i < n; i++) {
        g_string_append_printf(x->log, "  %s\n", cv_snapshot_get_name(sl[i]));
        cv_snapshot_free(sl[i]);
    }
    cv_free(sl);
    h = NULL;
    {
        cv_snapshot *t = rec_ptr(x, "snapshot lookup s1",
                                 cv_snapshot_lookup_by_name(a, "s1", 0), "s1");
        cv_snapshot *cur = cv_snapshot_current(a, 0);
        rec_ptr(x, "snapshot current", cur, cur ? cv_snapshot_get_name(cur) : "");
        rec_ptr(x, "snapshot lookup nope", cv_snapshot_lookup_by_name(a, "nope", 0), "?");
        if (t) {
            rec_str(x, "snapshot xml s1", cv_snapshot_get_xml_desc(t, 0));
            rec_int(x, "snapshot revert s1", cv_snapshot_revert(t, 0));
            cv_snapshot_free(t);
        }
        cv_snapshot_free(cur);
    }
    log_domain_info(x, a);
    if (s2) {
        rec_int(x, "snapshot delete s2", cv_snapshot_delete(s2, 0));
        rec_int(x, "snapshot delete s2 again", cv_snapshot_delete(s2, 0));
    }
    cv_snapshot_free(s2);
    cv_snapshot_free(s);

    rec_int(x, "shutdown a", cv_domain_shutdown(a, 0));
    log_domain_info(x, a);
    rec_int(x, "destroy a", cv_domain_destroy(a, 0));
    log_domain_info(x, a);
    rec_int(x, "undefine a (has snapshots)", cv_domain_undefine(a, 0));
    rec_int(x, "undefine a", cv_domain_undefine(a, CV_DOMAIN_UNDEFINE_SNAPSHOTS));
    rec_int(x, "start a after undefine", cv_domain_start(a, 0));
    cv_domain_free(a);

    b = rec_ptr(x, "create transient b",
                cv_domain_create_xml(x->c, RT_DOM_XML("b", DOM_B_UUID), CV_DOMAIN_START_PAUSED),
                "b");
    if (b) {
        log_domain_info(x, b);
        log_domain_list(x, CV_LIST_DOMAINS_TRANSIENT);
        rec_int(x, "undefine transient b", cv_domain_undefine(b, 0));
        rec_int(x, "destroy b", cv_domain_destroy(b, 0));
        rec_int(x, "b is_active after destroy", cv_domain_is_active(b));
        cv_domain_free(b);
    }
    log_domain_list(x, 0);
}

#define NET_XML(name, uuid, third) \
    "<network><name>" name "</name>" uuid \
    "<bridge name='cvbr" third "'/><forward mode='nat'/>" \
    "<ip address='10.77." third ".1' netmask='255.255.255.0'>" \
    "<dhcp><range start='10.77." third ".10' end='10.77." third ".99'/></dhcp></ip></network>"

static void
script_networks(sctx *x)
{
    unsigned char uuid[CV_UUID_BUFLEN];
    cv_network *n, *t, *h;
    cv_network **l = NULL;
    int cnt, as = -1;
    char u[CV_UUID_STRING_BUFLEN];

    n = rec_ptr(x, "net define", cv_network_define_xml(
                    x->c, NET_XML("n1", "<uuid>" NET_UUID "</uuid>", "1"), 0), "n1");
    rec_ptr(x, "net define overlapping", cv_network_define_xml(
                x->c, NET_XML("n2", "", "1"), 0), "n2");
    if (!n)
        return;
    rec_int(x, "net is_active", cv_network_is_active(n));
    rec_int(x, "net is_persistent", cv_network_is_persistent(n));
    rec_int(x, "net start", cv_network_start(n, 0));
    rec_int(x, "net is_active", cv_network_is_active(n));
    rec_str(x, "net bridge", cv_network_get_bridge_name(n));
    rec_str(x, "net xml", cv_network_get_xml_desc(n, 0));
    rec_int(x, "net set_autostart", cv_network_set_autostart(n, 1, 0));
    rec_int(x, "net get_autostart", cv_network_get_autostart(n, &as));
    g_string_append_printf(x->log, "  autostart %d\n", as);
    h = rec_ptr(x, "net lookup_by_name", cv_network_lookup_by_name(x->c, "n1"), "n1");
    cv_network_free(h);
    rec_ptr(x, "net lookup_by_name missing", cv_network_lookup_by_name(x->c, "zz"), "?");
    cv_network_get_uuid_string(n, u);
    h = rec_ptr(x, "net lookup_by_uuid", cv_network_lookup_by_uuid_string(x->c, u), "n1");
    cv_network_free(h);
    (void)uuid;
    cnt = rec_int(x, "net list", cv_connect_list_all_networks(x->c, &l, 0));
    for (int i = 0; i < cnt; i++) {
        g_string_append_printf(x->log, "  %s\n", cv_network_get_name(l[i]));
        cv_network_free(l[i]);
    }
    cv_free(l);
    rec_int(x, "net destroy", cv_network_destroy(n, 0));
    rec_int(x, "net destroy again", cv_network_destroy(n, 0));
    rec_int(x, "net undefine", cv_network_undefine(n, 0));
    cv_network_free(n);
    t = rec_ptr(x, "net create transient", cv_network_create_xml(
                    x->c, NET_XML("t1", "", "2"), 0), "t1");
    if (t) {
        rec_int(x, "transient is_persistent", cv_network_is_persistent(t));
        rec_int(x, "transient destroy", cv_network_destroy(t, 0));
        cv_network_free(t);
    }
}

static void
script_storage(sctx *x, const char *pooldir)
{
    g_autofree char *pxml = g_strdup_printf(
        "<pool type='dir'><name>p1</name><uuid>" POOL_UUID "</uuid>"
        "<target><path>%s</path></target></pool>", pooldir);
    cv_pool *p, *h;
    cv_pool **pl = NULL;
    cv_volume *v, *hv;
    cv_volume **vl = NULL;
    cv_pool_info pi = CV_POOL_INFO_INIT;
    cv_volume_info vi = CV_VOLUME_INFO_INIT;
    cv_stream *st;
    char buf[64];
    int n;

    p = rec_ptr(x, "pool define", cv_pool_define_xml(x->c, pxml, 0), "p1");
    if (!p)
        return;
    rec_int(x, "pool is_active", cv_pool_is_active(p));
    rec_int(x, "pool start", cv_pool_start(p, 0));
    rec_int(x, "pool refresh", cv_pool_refresh(p, 0));
    rec_int(x, "pool set_autostart", cv_pool_set_autostart(p, 1, 0));
    if (rec_int(x, "pool info", cv_pool_get_info(p, &pi)) == 0)
        g_string_append_printf(x->log, "  state %d capacity>0 %d\n", pi.state, pi.capacity > 0);
    rec_str(x, "pool xml", cv_pool_get_xml_desc(p, 0));
    h = rec_ptr(x, "pool lookup", cv_pool_lookup_by_name(x->c, "p1"), "p1");
    cv_pool_free(h);
    rec_ptr(x, "pool lookup missing", cv_pool_lookup_by_name(x->c, "nope"), "?");
    n = rec_int(x, "pool list", cv_connect_list_all_pools(x->c, &pl, 0));
    for (int i = 0; i < n; i++) {
        g_string_append_printf(x->log, "  %s\n", cv_pool_get_name(pl[i]));
        cv_pool_free(pl[i]);
    }
    cv_free(pl);

    v = rec_ptr(x, "vol create", cv_volume_create_xml(
                    p, "<volume><name>v1.img</name><capacity unit='MiB'>4</capacity>"
                       "<target><format type='raw'/></target></volume>", 0), "v1.img");
    rec_ptr(x, "vol create bad", cv_volume_create_xml(p, "<volume/>", 0), "?");
    if (v) {
        char *path = cv_volume_get_path(v);
        rec_str(x, "vol path", g_strdup(path));
        hv = rec_ptr(x, "vol lookup_by_path", cv_volume_lookup_by_path(x->c, path), "v1.img");
        cv_volume_free(hv);
        cv_free(path);
        hv = rec_ptr(x, "vol lookup_by_name", cv_volume_lookup_by_name(p, "v1.img"), "v1.img");
        cv_volume_free(hv);
        if (rec_int(x, "vol info", cv_volume_get_info(v, &vi)) == 0)
            g_string_append_printf(x->log, "  type %d capacity %" G_GUINT64_FORMAT "\n",
                                   vi.type, (guint64)vi.capacity);
        rec_str(x, "vol xml", cv_volume_get_xml_desc(v, 0));
        rec_int(x, "vol resize 8M", cv_volume_resize(v, 8 << 20, 0));
        rec_int(x, "vol resize shrink refused", cv_volume_resize(v, 1 << 20, 0));
        n = rec_int(x, "vol list", cv_pool_list_all_volumes(p, &vl, 0));
        for (int i = 0; i < n; i++) {
            g_string_append_printf(x->log, "  %s\n", cv_volume_get_name(vl[i]));
            cv_volume_free(vl[i]);
        }
        cv_free(vl);

        st = rec_ptr(x, "vol upload", cv_volume_upload(v, 100, 11, 0), "stream");
        if (st) {
            rec_int(x, "  send", cv_stream_send(st, "hello world", 11));
            rec_int(x, "  finish", cv_stream_finish(st));
            cv_stream_free(st);
        }
        st = rec_ptr(x, "vol download", cv_volume_download(v, 100, 11, 0), "stream");
        if (st) {
            int64_t got = cv_stream_recv(st, buf, sizeof(buf));
            g_string_append_printf(x->log, "  recv %" G_GINT64_FORMAT " '%.*s'\n", got,
                                   (int)MAX(got, 0), buf);
            rec_int(x, "  recv at end", (int)cv_stream_recv(st, buf, sizeof(buf)));
            rec_int(x, "  finish", cv_stream_finish(st));
            cv_stream_free(st);
        }
        rec_ptr(x, "vol download past end", cv_volume_download(v, 1ull << 40, 0, 0), "?");
        rec_int(x, "vol delete", cv_volume_delete(v, 0));
        rec_int(x, "vol delete again", cv_volume_delete(v, 0));
        rec_ptr(x, "vol upload deleted", cv_volume_upload(v, 0, 0, 0), "?");
        cv_volume_free(v);
    }
    rec_int(x, "pool destroy", cv_pool_destroy(p, 0));
    rec_int(x, "pool undefine", cv_pool_undefine(p, 0));
    rec_int(x, "pool refresh after undefine", cv_pool_refresh(p, 0));
    cv_pool_free(p);
}

guint
rt_script_run(cv_connect *conn, const char *pooldir, GString *log)
{
    sctx x = { conn, log, 0 };

    script_connection(&x);
    script_domains(&x);
    script_networks(&x);
    script_storage(&x, pooldir);
    return x.ok;
}

void
rt_normalize(GString *log, const char *pooldir)
{
    g_autoptr(GRegex) tmp = g_regex_new("/[^ '\"<>]*cloudvirt-test-pool-[A-Za-z0-9]+",
                                        0, 0, NULL);
    g_autofree char *a = g_regex_replace_literal(tmp, log->str, -1, 0, "<DEFAULT-POOL>",
                                                 0, NULL);
    g_autofree char *qdir = g_regex_escape_string(pooldir, -1);
    g_autoptr(GRegex) dir = g_regex_new(qdir, 0, 0, NULL);
    g_autofree char *b = g_regex_replace_literal(dir, a, -1, 0, "<POOL-DIR>", 0, NULL);

    /* Free space on the host's disk moves between the two runs. */
    g_autoptr(GRegex) avail = g_regex_new("<available unit='bytes'>[0-9]+", 0, 0, NULL);
    g_autofree char *c = g_regex_replace_literal(avail, b, -1, 0,
                                                 "<available unit='bytes'>N", 0, NULL);

    g_string_assign(log, c);
}
