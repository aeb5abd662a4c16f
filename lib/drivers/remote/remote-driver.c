/*
 * The remote driver: every driver-table entry as one RPC to cloudvirtd on
 * the far side of an SSH connection (lib/rpc). It owns no object state;
 * handles name remote objects by (name, uuid) and every call carries them.
 *
 * lib/core/connect.c hands it URIs with transport "ssh" (and only those):
 * DRIVER+ssh://[user@]host[:port]/PATH?params. The far side runs
 * `COMMAND --stdio 'DRIVER:///PATH?other-params'`, COMMAND being command=
 * or "cloudvirtd"; the URI is quoted for the remote shell, never pasted.
 */
#include <config.h>

#include <string.h>

#include "core/driver.h"
#include "core/error.h"
#include "core/event.h"
#include "core/object.h"
#include "core/stream.h"
#include "drivers/remote/remote.h"
#include "rpc/client.h"
#include "rpc/transport.h"

typedef struct {
    cv_rpc_ssh *ssh;
    cv_rpc_client *rpc;
} remote_priv;

/* Parameters that configure the transport, not the far side's driver. */
static const char *const transport_params[] = {
    "keyfile", "known_hosts", "no_verify", "command", "sshauth",
    "keepalive_interval", "keepalive_count", NULL,
};

static GPrivate open_auth;   /* const cv_rpc_auth*, set by cv_connect_open_auth() */

void
cv_remote_set_open_auth(const cv_rpc_auth *auth)
{
    g_private_set(&open_auth, (gpointer)auth);
}

static cv_rpc_client *
rpc_of(cv_connect *conn)
{
    return ((remote_priv *)conn->priv)->rpc;
}

static int
call(cv_connect *conn, guint32 proc, GVariant *args, GVariant **reply)
{
    return cv_rpc_client_call(rpc_of(conn), proc, args, reply);
}

/* The far side's URI: the driver and path, with the other parameters. */
static char *
far_uri(const cv_uri *uri)
{
    g_autoptr(GString) s = g_string_new(NULL);
    g_autoptr(GList) keys = g_list_sort(g_hash_table_get_keys(uri->params),
                                        (GCompareFunc)strcmp);
    char sep = '?';

    g_string_append_printf(s, "%s://%s", uri->driver, uri->path);
    for (GList *k = keys; k; k = k->next) {
        g_autofree char *ek = NULL, *ev = NULL;

        if (g_strv_contains(transport_params, k->data))
            continue;
        ek = g_uri_escape_string(k->data, NULL, FALSE);
        ev = g_uri_escape_string(g_hash_table_lookup(uri->params, k->data), NULL, FALSE);
        g_string_append_printf(s, "%c%s=%s", sep, ek, ev);
        sep = '&';
    }
    return g_string_free(g_steal_pointer(&s), FALSE);
}

static guint
uint_param(const cv_uri *uri, const char *name, guint def, guint max)
{
    const char *v = cv_uri_get_param(uri, name);
    guint64 n;

    if (!v || !g_ascii_string_to_unsigned(v, 10, 0, max, &n, NULL))
        return def;
    return n;
}

static void
on_event(guint32 proc, GVariant *body, void *opaque)
{
    cv_connect *conn = opaque;
    const char *name;
    g_autoptr(GVariant) u = NULL;
    gint32 ev, detail;
    gsize n;
    const unsigned char *uuid;

    if (proc != CV_RPC_EVENT_DOMAIN || !cv_rpc_body_is(body, "(sayii)"))
        return;
    g_variant_get(body, "(&s@ayii)", &name, &u, &ev, &detail);
    uuid = g_variant_get_fixed_array(u, &n, 1);
    if (n == CV_UUID_BUFLEN)
        cv_event_domain_emit(conn, name, uuid, ev, detail);
}

static void
remote_priv_free(remote_priv *p)
{
    if (!p)
        return;
    cv_rpc_client_free(p->rpc);
    cv_rpc_ssh_close(p->ssh);
    g_free(p);
}

static cv_drv_open_result
remote_connect_open(cv_connect *conn, const cv_uri *uri, unsigned int flags)
{
    const char *cmd = cv_uri_get_param(uri, "command");
    const cv_rpc_auth *auth = g_private_get(&open_auth);
    g_autofree char *target = NULL, *quoted = NULL, *command = NULL;
    remote_priv *p;
    guint ka_s, ka_count;

    if (!uri->transport || !g_str_equal(uri->transport, "ssh"))
        return CV_DRV_OPEN_DECLINED;
    target = far_uri(uri);
    quoted = g_shell_quote(target);
    command = g_strdup_printf("%s --stdio %s", cmd && *cmd ? cmd : "cloudvirtd", quoted);
    ka_s = uint_param(uri, "keepalive_interval", 5, 3600);
    ka_count = uint_param(uri, "keepalive_count", 3, 100);

    p = g_new0(remote_priv, 1);
    p->ssh = cv_rpc_ssh_open(uri, command, auth);
    if (!p->ssh) {
        g_free(p);
        return CV_DRV_OPEN_ERROR;
    }
    {
        cv_rpc_io io = cv_rpc_ssh_io(p->ssh);
        p->rpc = cv_rpc_client_new(&io, on_event, conn, ka_s * 1000, ka_count);
    }
    conn->priv = p;
    if (call(conn, CV_PROC_CONNECT_OPEN, g_variant_new("(u)", flags), NULL) < 0) {
        cv_error_saved *saved;

        cv_error_prefix("opening '%s' on %s", target, uri->host);
        saved = cv_error_save();
        conn->priv = NULL;
        remote_priv_free(p);
        cv_error_restore(saved);
        return CV_DRV_OPEN_ERROR;
    }
    return CV_DRV_OPEN_SUCCESS;
}

static void
remote_connect_close(cv_connect *conn)
{
    remote_priv_free(conn->priv);
    conn->priv = NULL;
}

/* ---- marshalling helpers ---- */

/* Text from the caller must be UTF-8 to travel in a GVariant. */
static gboolean
utf8_ok(const char *s, const char *what)
{
    if (g_utf8_validate(s, -1, NULL))
        return TRUE;
    cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_REMOTE,
                 "the %s is not valid UTF-8, which the remote protocol requires", what);
    return FALSE;
}

static GVariant *
uuid_v(const unsigned char *uuid)
{
    return g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, uuid, CV_UUID_BUFLEN, 1);
}

#define NAMED_V(h) g_variant_new("(s@ay)", (h)->name, uuid_v((h)->uuid))

static GVariant *
vol_h(cv_volume *v)
{
    return g_variant_new("(sss)", v->pool, v->name, v->key);
}

static GVariant *
snap_h(cv_snapshot *s)
{
    return g_variant_new("(@(say)s)", NAMED_V(s->dom), s->name);
}

/* "(say)" from the server; the UUID length is checked (hostile server). */
static const unsigned char *
named_from(GVariant *v, const char **name)
{
    g_autoptr(GVariant) u = g_variant_get_child_value(v, 1);
    g_autoptr(GVariant) n = g_variant_get_child_value(v, 0);
    gsize len;
    const unsigned char *p = g_variant_get_fixed_array(u, &len, 1);

    *name = g_variant_get_string(n, NULL);
    if (len != CV_UUID_BUFLEN) {
        cv_error_set(CV_ERR_RPC, CV_FROM_REMOTE,
                     "the server sent a UUID of %" G_GSIZE_FORMAT " bytes", len);
        return NULL;
    }
    return p;
}

static cv_domain *
dom_from(cv_connect *conn, GVariant *v)
{
    const char *name;
    const unsigned char *uuid = named_from(v, &name);

    return uuid ? cv_domain_new(conn, name, uuid) : NULL;
}

static cv_network *
net_from(cv_connect *conn, GVariant *v)
{
    const char *name;
    const unsigned char *uuid = named_from(v, &name);

    return uuid ? cv_network_new(conn, name, uuid) : NULL;
}

static cv_pool *
pool_from(cv_connect *conn, GVariant *v)
{
    const char *name;
    const unsigned char *uuid = named_from(v, &name);

    return uuid ? cv_pool_new(conn, name, uuid) : NULL;
}

static cv_volume *
vol_from(cv_connect *conn, GVariant *v)
{
    const char *pool, *name, *key;

    g_variant_get(v, "(&s&s&s)", &pool, &name, &key);
    return cv_volume_new(conn, pool, name, key);
}

static cv_snapshot *
snap_from(cv_connect *conn, GVariant *v)
{
    g_autoptr(GVariant) dv = g_variant_get_child_value(v, 0);
    g_autoptr(GVariant) nv = g_variant_get_child_value(v, 1);
    g_autoptr(cv_domain) dom = dom_from(conn, dv);

    return dom ? cv_snapshot_new(dom, g_variant_get_string(nv, NULL)) : NULL;
}

typedef void *(*from_fn)(cv_connect *conn, GVariant *v);

static void *
call_handle(cv_connect *conn, guint32 proc, GVariant *args, from_fn from)
{
    g_autoptr(GVariant) r = NULL;

    if (call(conn, proc, args, &r) < 0)
        return NULL;
    return from(conn, r);
}

static int
call_int(cv_connect *conn, guint32 proc, GVariant *args)
{
    g_autoptr(GVariant) r = NULL;
    gint32 v;

    if (call(conn, proc, args, &r) < 0)
        return -1;
    g_variant_get(r, "(i)", &v);
    return v;
}

static char *
call_str(cv_connect *conn, guint32 proc, GVariant *args)
{
    g_autoptr(GVariant) r = NULL;
    char *s;

    if (call(conn, proc, args, &r) < 0)
        return NULL;
    g_variant_get(r, "(s)", &s);
    return s;
}

static int
call_list(cv_connect *conn, guint32 proc, GVariant *args, GPtrArray *out, from_fn from)
{
    g_autoptr(GVariant) r = NULL;
    g_autoptr(GVariant) arr = NULL;
    gsize n;

    if (call(conn, proc, args, &r) < 0)
        return -1;
    arr = g_variant_get_child_value(r, 0);
    n = g_variant_n_children(arr);
    for (gsize i = 0; i < n; i++) {
        g_autoptr(GVariant) e = g_variant_get_child_value(arr, i);
        void *h = from(conn, e);
        if (!h)
            return -1;
        g_ptr_array_add(out, h);
    }
    return (int)n;
}

#define H(fn) ((from_fn)(fn))

/* ---- connection ---- */

static char *
remote_get_hostname(cv_connect *conn)
{
    return call_str(conn, CV_PROC_CONNECT_GET_HOSTNAME, NULL);
}

static int
remote_get_version(cv_connect *conn, unsigned long *v)
{
    g_autoptr(GVariant) r = NULL;
    guint64 x;

    if (call(conn, CV_PROC_CONNECT_GET_VERSION, NULL, &r) < 0)
        return -1;
    g_variant_get(r, "(t)", &x);
    *v = x;
    return 0;
}

/* Alive means our link is up; asking the far side would fail the same way. */
static int
remote_is_alive(cv_connect *conn)
{
    if (!cv_rpc_client_is_alive(rpc_of(conn)))
        return 0;
    return call_int(conn, CV_PROC_CONNECT_IS_ALIVE, NULL) == 1 ? 1 : 0;
}

static int
remote_get_node_info(cv_connect *conn, cv_node_info *info)
{
    g_autoptr(GVariant) r = NULL;
    const char *model;
    guint64 mem;

    if (call(conn, CV_PROC_CONNECT_GET_NODE_INFO, NULL, &r) < 0)
        return -1;
    g_variant_get(r, "(&stuuuuuu)", &model, &mem, &info->cpus, &info->mhz,
                  &info->nodes, &info->sockets, &info->cores, &info->threads);
    g_strlcpy(info->model, model, sizeof(info->model));
    info->memory_kib = mem;
    return 0;
}

static char *
remote_get_capabilities(cv_connect *conn, unsigned int flags)
{
    return call_str(conn, CV_PROC_CONNECT_GET_CAPABILITIES, g_variant_new("(u)", flags));
}

/* ---- domains ---- */

static cv_domain *
remote_domain_define_xml(cv_connect *conn, const char *xml, unsigned int flags)
{
    if (!utf8_ok(xml, "domain XML"))
        return NULL;
    return call_handle(conn, CV_PROC_DOMAIN_DEFINE_XML, g_variant_new("(su)", xml, flags),
                       H(dom_from));
}

static cv_domain *
remote_domain_create_xml(cv_connect *conn, const char *xml, unsigned int flags)
{
    if (!utf8_ok(xml, "domain XML"))
        return NULL;
    return call_handle(conn, CV_PROC_DOMAIN_CREATE_XML, g_variant_new("(su)", xml, flags),
                       H(dom_from));
}

#define ACTION(fn, type, proc, hv, connof) \
    static int fn(type *h, unsigned int flags) \
    { \
        return call(connof, proc, g_variant_new("(@*u)", hv, flags), NULL); \
    }

ACTION(remote_domain_undefine, cv_domain, CV_PROC_DOMAIN_UNDEFINE, NAMED_V(h), h->conn)
ACTION(remote_domain_start, cv_domain, CV_PROC_DOMAIN_START, NAMED_V(h), h->conn)
ACTION(remote_domain_shutdown, cv_domain, CV_PROC_DOMAIN_SHUTDOWN, NAMED_V(h), h->conn)
ACTION(remote_domain_destroy, cv_domain, CV_PROC_DOMAIN_DESTROY, NAMED_V(h), h->conn)
ACTION(remote_domain_reboot, cv_domain, CV_PROC_DOMAIN_REBOOT, NAMED_V(h), h->conn)
ACTION(remote_domain_suspend, cv_domain, CV_PROC_DOMAIN_SUSPEND, NAMED_V(h), h->conn)
ACTION(remote_domain_resume, cv_domain, CV_PROC_DOMAIN_RESUME, NAMED_V(h), h->conn)

static int
remote_domain_set_autostart(cv_domain *d, int autostart, unsigned int flags)
{
    return call(d->conn, CV_PROC_DOMAIN_SET_AUTOSTART,
                g_variant_new("(@(say)iu)", NAMED_V(d), autostart, flags), NULL);
}

static int
remote_domain_get_autostart(cv_domain *d, int *autostart)
{
    int r = call_int(d->conn, CV_PROC_DOMAIN_GET_AUTOSTART,
                     g_variant_new("(@(say))", NAMED_V(d)));

    if (r < 0)
        return -1;
    *autostart = r;
    return 0;
}

static cv_domain *
remote_domain_lookup_by_name(cv_connect *conn, const char *name)
{
    if (!utf8_ok(name, "domain name"))
        return NULL;
    return call_handle(conn, CV_PROC_DOMAIN_LOOKUP_BY_NAME, g_variant_new("(s)", name),
                       H(dom_from));
}

static cv_domain *
remote_domain_lookup_by_uuid(cv_connect *conn, const unsigned char *uuid)
{
    return call_handle(conn, CV_PROC_DOMAIN_LOOKUP_BY_UUID,
                       g_variant_new("(@ay)", uuid_v(uuid)), H(dom_from));
}

static cv_domain *
remote_domain_lookup_by_id(cv_connect *conn, int id)
{
    return call_handle(conn, CV_PROC_DOMAIN_LOOKUP_BY_ID, g_variant_new("(i)", id),
                       H(dom_from));
}

static int
remote_list_all_domains(cv_connect *conn, GPtrArray *out, unsigned int flags)
{
    return call_list(conn, CV_PROC_CONNECT_LIST_ALL_DOMAINS, g_variant_new("(u)", flags),
                     out, H(dom_from));
}

static int
remote_domain_get_id(cv_domain *d)
{
    return call_int(d->conn, CV_PROC_DOMAIN_GET_ID, g_variant_new("(@(say))", NAMED_V(d)));
}

static int
remote_domain_get_info(cv_domain *d, cv_domain_info *info)
{
    g_autoptr(GVariant) r = NULL;
    gint32 state;
    guint64 maxmem, mem, cpu;

    if (call(d->conn, CV_PROC_DOMAIN_GET_INFO, g_variant_new("(@(say))", NAMED_V(d)), &r) < 0)
        return -1;
    g_variant_get(r, "(ittuut)", &state, &maxmem, &mem, &info->nr_vcpus,
                  &info->max_vcpus, &cpu);
    info->state = state;
    info->max_memory_kib = maxmem;
    info->memory_kib = mem;
    info->cpu_time_ns = cpu;
    return 0;
}

static int
remote_domain_get_state(cv_domain *d, int *state, int *reason, unsigned int flags)
{
    g_autoptr(GVariant) r = NULL;
    gint32 s, rs;

    if (call(d->conn, CV_PROC_DOMAIN_GET_STATE,
             g_variant_new("(@(say)u)", NAMED_V(d), flags), &r) < 0)
        return -1;
    g_variant_get(r, "(ii)", &s, &rs);
    *state = s;
    if (reason)
        *reason = rs;
    return 0;
}

static int
remote_domain_is_active(cv_domain *d)
{
    return call_int(d->conn, CV_PROC_DOMAIN_IS_ACTIVE, g_variant_new("(@(say))", NAMED_V(d)));
}

static int
remote_domain_is_persistent(cv_domain *d)
{
    return call_int(d->conn, CV_PROC_DOMAIN_IS_PERSISTENT,
                    g_variant_new("(@(say))", NAMED_V(d)));
}

static char *
remote_domain_get_xml_desc(cv_domain *d, unsigned int flags)
{
    return call_str(d->conn, CV_PROC_DOMAIN_GET_XML_DESC,
                    g_variant_new("(@(say)u)", NAMED_V(d), flags));
}

static int
remote_domain_set_vcpus(cv_domain *d, unsigned int n, unsigned int flags)
{
    return call(d->conn, CV_PROC_DOMAIN_SET_VCPUS,
                g_variant_new("(@(say)uu)", NAMED_V(d), n, flags), NULL);
}

static int
remote_domain_set_memory(cv_domain *d, uint64_t kib, unsigned int flags)
{
    return call(d->conn, CV_PROC_DOMAIN_SET_MEMORY,
                g_variant_new("(@(say)tu)", NAMED_V(d), (guint64)kib, flags), NULL);
}

static int
remote_domain_attach_device(cv_domain *d, const char *xml, unsigned int flags)
{
    if (!utf8_ok(xml, "device XML"))
        return -1;
    return call(d->conn, CV_PROC_DOMAIN_ATTACH_DEVICE,
                g_variant_new("(@(say)su)", NAMED_V(d), xml, flags), NULL);
}

static int
remote_domain_detach_device(cv_domain *d, const char *xml, unsigned int flags)
{
    if (!utf8_ok(xml, "device XML"))
        return -1;
    return call(d->conn, CV_PROC_DOMAIN_DETACH_DEVICE,
                g_variant_new("(@(say)su)", NAMED_V(d), xml, flags), NULL);
}

/* ---- snapshots ---- */

static cv_snapshot *
remote_snapshot_create_xml(cv_domain *d, const char *xml, unsigned int flags)
{
    if (!utf8_ok(xml, "snapshot XML"))
        return NULL;
    return call_handle(d->conn, CV_PROC_SNAPSHOT_CREATE_XML,
                       g_variant_new("(@(say)su)", NAMED_V(d), xml, flags), H(snap_from));
}

static int
remote_list_all_snapshots(cv_domain *d, GPtrArray *out, unsigned int flags)
{
    return call_list(d->conn, CV_PROC_DOMAIN_LIST_ALL_SNAPSHOTS,
                     g_variant_new("(@(say)u)", NAMED_V(d), flags), out, H(snap_from));
}

static cv_snapshot *
remote_snapshot_lookup_by_name(cv_domain *d, const char *name, unsigned int flags)
{
    if (!utf8_ok(name, "snapshot name"))
        return NULL;
    return call_handle(d->conn, CV_PROC_SNAPSHOT_LOOKUP_BY_NAME,
                       g_variant_new("(@(say)su)", NAMED_V(d), name, flags), H(snap_from));
}

static cv_snapshot *
remote_snapshot_current(cv_domain *d, unsigned int flags)
{
    return call_handle(d->conn, CV_PROC_SNAPSHOT_CURRENT,
                       g_variant_new("(@(say)u)", NAMED_V(d), flags), H(snap_from));
}

ACTION(remote_snapshot_revert, cv_snapshot, CV_PROC_SNAPSHOT_REVERT, snap_h(h), h->dom->conn)
ACTION(remote_snapshot_delete, cv_snapshot, CV_PROC_SNAPSHOT_DELETE, snap_h(h), h->dom->conn)

static char *
remote_snapshot_get_xml_desc(cv_snapshot *s, unsigned int flags)
{
    return call_str(s->dom->conn, CV_PROC_SNAPSHOT_GET_XML_DESC,
                    g_variant_new("(@((say)s)u)", snap_h(s), flags));
}

/* ---- networks ---- */

static cv_network *
remote_network_define_xml(cv_connect *conn, const char *xml, unsigned int flags)
{
    if (!utf8_ok(xml, "network XML"))
        return NULL;
    return call_handle(conn, CV_PROC_NETWORK_DEFINE_XML, g_variant_new("(su)", xml, flags),
                       H(net_from));
}

static cv_network *
remote_network_create_xml(cv_connect *conn, const char *xml, unsigned int flags)
{
    if (!utf8_ok(xml, "network XML"))
        return NULL;
    return call_handle(conn, CV_PROC_NETWORK_CREATE_XML, g_variant_new("(su)", xml, flags),
                       H(net_from));
}

ACTION(remote_network_undefine, cv_network, CV_PROC_NETWORK_UNDEFINE, NAMED_V(h), h->conn)
ACTION(remote_network_start, cv_network, CV_PROC_NETWORK_START, NAMED_V(h), h->conn)
ACTION(remote_network_destroy, cv_network, CV_PROC_NETWORK_DESTROY, NAMED_V(h), h->conn)

static cv_network *
remote_network_lookup_by_name(cv_connect *conn, const char *name)
{
    if (!utf8_ok(name, "network name"))
        return NULL;
    return call_handle(conn, CV_PROC_NETWORK_LOOKUP_BY_NAME, g_variant_new("(s)", name),
                       H(net_from));
}

static cv_network *
remote_network_lookup_by_uuid(cv_connect *conn, const unsigned char *uuid)
{
    return call_handle(conn, CV_PROC_NETWORK_LOOKUP_BY_UUID,
                       g_variant_new("(@ay)", uuid_v(uuid)), H(net_from));
}

static int
remote_list_all_networks(cv_connect *conn, GPtrArray *out, unsigned int flags)
{
    return call_list(conn, CV_PROC_CONNECT_LIST_ALL_NETWORKS, g_variant_new("(u)", flags),
                     out, H(net_from));
}

static char *
remote_network_get_xml_desc(cv_network *n, unsigned int flags)
{
    return call_str(n->conn, CV_PROC_NETWORK_GET_XML_DESC,
                    g_variant_new("(@(say)u)", NAMED_V(n), flags));
}

static char *
remote_network_get_bridge_name(cv_network *n)
{
    return call_str(n->conn, CV_PROC_NETWORK_GET_BRIDGE_NAME,
                    g_variant_new("(@(say))", NAMED_V(n)));
}

static int
remote_network_is_active(cv_network *n)
{
    return call_int(n->conn, CV_PROC_NETWORK_IS_ACTIVE, g_variant_new("(@(say))", NAMED_V(n)));
}

static int
remote_network_is_persistent(cv_network *n)
{
    return call_int(n->conn, CV_PROC_NETWORK_IS_PERSISTENT,
                    g_variant_new("(@(say))", NAMED_V(n)));
}

static int
remote_network_set_autostart(cv_network *n, int autostart, unsigned int flags)
{
    return call(n->conn, CV_PROC_NETWORK_SET_AUTOSTART,
                g_variant_new("(@(say)iu)", NAMED_V(n), autostart, flags), NULL);
}

static int
remote_network_get_autostart(cv_network *n, int *autostart)
{
    int r = call_int(n->conn, CV_PROC_NETWORK_GET_AUTOSTART,
                     g_variant_new("(@(say))", NAMED_V(n)));

    if (r < 0)
        return -1;
    *autostart = r;
    return 0;
}

/* ---- pools and volumes ---- */

static cv_pool *
remote_pool_define_xml(cv_connect *conn, const char *xml, unsigned int flags)
{
    if (!utf8_ok(xml, "pool XML"))
        return NULL;
    return call_handle(conn, CV_PROC_POOL_DEFINE_XML, g_variant_new("(su)", xml, flags),
                       H(pool_from));
}

ACTION(remote_pool_start, cv_pool, CV_PROC_POOL_START, NAMED_V(h), h->conn)
ACTION(remote_pool_destroy, cv_pool, CV_PROC_POOL_DESTROY, NAMED_V(h), h->conn)
ACTION(remote_pool_undefine, cv_pool, CV_PROC_POOL_UNDEFINE, NAMED_V(h), h->conn)
ACTION(remote_pool_refresh, cv_pool, CV_PROC_POOL_REFRESH, NAMED_V(h), h->conn)

static cv_pool *
remote_pool_lookup_by_name(cv_connect *conn, const char *name)
{
    if (!utf8_ok(name, "pool name"))
        return NULL;
    return call_handle(conn, CV_PROC_POOL_LOOKUP_BY_NAME, g_variant_new("(s)", name),
                       H(pool_from));
}

static int
remote_list_all_pools(cv_connect *conn, GPtrArray *out, unsigned int flags)
{
    return call_list(conn, CV_PROC_CONNECT_LIST_ALL_POOLS, g_variant_new("(u)", flags),
                     out, H(pool_from));
}

static int
remote_pool_get_info(cv_pool *p, cv_pool_info *info)
{
    g_autoptr(GVariant) r = NULL;
    gint32 state;
    guint64 cap, alloc, avail;

    if (call(p->conn, CV_PROC_POOL_GET_INFO, g_variant_new("(@(say))", NAMED_V(p)), &r) < 0)
        return -1;
    g_variant_get(r, "(ittt)", &state, &cap, &alloc, &avail);
    info->state = state;
    info->capacity = cap;
    info->allocation = alloc;
    info->available = avail;
    return 0;
}

static char *
remote_pool_get_xml_desc(cv_pool *p, unsigned int flags)
{
    return call_str(p->conn, CV_PROC_POOL_GET_XML_DESC,
                    g_variant_new("(@(say)u)", NAMED_V(p), flags));
}

static int
remote_pool_is_active(cv_pool *p)
{
    return call_int(p->conn, CV_PROC_POOL_IS_ACTIVE, g_variant_new("(@(say))", NAMED_V(p)));
}

static int
remote_pool_set_autostart(cv_pool *p, int autostart, unsigned int flags)
{
    return call(p->conn, CV_PROC_POOL_SET_AUTOSTART,
                g_variant_new("(@(say)iu)", NAMED_V(p), autostart, flags), NULL);
}

static cv_volume *
remote_volume_create_xml(cv_pool *p, const char *xml, unsigned int flags)
{
    if (!utf8_ok(xml, "volume XML"))
        return NULL;
    return call_handle(p->conn, CV_PROC_VOLUME_CREATE_XML,
                       g_variant_new("(@(say)su)", NAMED_V(p), xml, flags), H(vol_from));
}

static cv_volume *
remote_volume_lookup_by_name(cv_pool *p, const char *name)
{
    if (!utf8_ok(name, "volume name"))
        return NULL;
    return call_handle(p->conn, CV_PROC_VOLUME_LOOKUP_BY_NAME,
                       g_variant_new("(@(say)s)", NAMED_V(p), name), H(vol_from));
}

static cv_volume *
remote_volume_lookup_by_path(cv_connect *conn, const char *path)
{
    if (!utf8_ok(path, "volume path"))
        return NULL;
    return call_handle(conn, CV_PROC_VOLUME_LOOKUP_BY_PATH, g_variant_new("(s)", path),
                       H(vol_from));
}

static int
remote_list_all_volumes(cv_pool *p, GPtrArray *out, unsigned int flags)
{
    return call_list(p->conn, CV_PROC_POOL_LIST_ALL_VOLUMES,
                     g_variant_new("(@(say)u)", NAMED_V(p), flags), out, H(vol_from));
}

static char *
remote_volume_get_path(cv_volume *v)
{
    return call_str(v->conn, CV_PROC_VOLUME_GET_PATH, g_variant_new("(@(sss))", vol_h(v)));
}

static int
remote_volume_get_info(cv_volume *v, cv_volume_info *info)
{
    g_autoptr(GVariant) r = NULL;
    gint32 type;
    guint64 cap, alloc;

    if (call(v->conn, CV_PROC_VOLUME_GET_INFO, g_variant_new("(@(sss))", vol_h(v)), &r) < 0)
        return -1;
    g_variant_get(r, "(itt)", &type, &cap, &alloc);
    info->type = type;
    info->capacity = cap;
    info->allocation = alloc;
    return 0;
}

static char *
remote_volume_get_xml_desc(cv_volume *v, unsigned int flags)
{
    return call_str(v->conn, CV_PROC_VOLUME_GET_XML_DESC,
                    g_variant_new("(@(sss)u)", vol_h(v), flags));
}

ACTION(remote_volume_delete, cv_volume, CV_PROC_VOLUME_DELETE, vol_h(h), h->conn)

static int
remote_volume_resize(cv_volume *v, uint64_t capacity, unsigned int flags)
{
    return call(v->conn, CV_PROC_VOLUME_RESIZE,
                g_variant_new("(@(sss)tu)", vol_h(v), (guint64)capacity, flags), NULL);
}

/* ---- streams ---- */

static int
rs_send(cv_stream *st, const char *data, size_t n)
{
    return cv_rpc_stream_send(st->priv, data, n);
}

static gssize
rs_recv(cv_stream *st, char *data, size_t n)
{
    return cv_rpc_stream_recv(st->priv, data, n);
}

static int
rs_finish(cv_stream *st)
{
    return cv_rpc_stream_finish(st->priv);
}

static int
rs_abort(cv_stream *st)
{
    return cv_rpc_stream_abort(st->priv);
}

static void
rs_free(cv_stream *st)
{
    cv_rpc_stream_free(st->priv);
}

static const cv_stream_ops remote_stream_ops = {
    .send = rs_send,
    .recv = rs_recv,
    .finish = rs_finish,
    .abort = rs_abort,
    .free = rs_free,
};

static int
remote_volume_transfer(cv_volume *v, cv_stream *st, guint32 proc, uint64_t offset,
                       uint64_t length, unsigned int flags)
{
    cv_rpc_stream *rs = cv_rpc_stream_open(rpc_of(v->conn), proc,
                                           g_variant_new("(@(sss)ttu)", vol_h(v),
                                                         (guint64)offset, (guint64)length,
                                                         flags),
                                           proc == CV_PROC_VOLUME_UPLOAD);

    if (!rs)
        return -1;
    st->ops = &remote_stream_ops;
    st->priv = rs;
    return 0;
}

static int
remote_volume_upload(cv_volume *v, cv_stream *st, uint64_t offset, uint64_t length,
                     unsigned int flags)
{
    return remote_volume_transfer(v, st, CV_PROC_VOLUME_UPLOAD, offset, length, flags);
}

static int
remote_volume_download(cv_volume *v, cv_stream *st, uint64_t offset, uint64_t length,
                       unsigned int flags)
{
    return remote_volume_transfer(v, st, CV_PROC_VOLUME_DOWNLOAD, offset, length, flags);
}

const cv_driver cv_remote_driver = {
    .name = "remote",
    .connect_open = remote_connect_open,
    .connect_close = remote_connect_close,
    .connect_get_hostname = remote_get_hostname,
    .connect_get_version = remote_get_version,
    .connect_is_alive = remote_is_alive,
    .connect_get_node_info = remote_get_node_info,
    .connect_get_capabilities = remote_get_capabilities,
    .domain_define_xml = remote_domain_define_xml,
    .domain_create_xml = remote_domain_create_xml,
    .domain_undefine = remote_domain_undefine,
    .domain_start = remote_domain_start,
    .domain_shutdown = remote_domain_shutdown,
    .domain_destroy = remote_domain_destroy,
    .domain_reboot = remote_domain_reboot,
    .domain_suspend = remote_domain_suspend,
    .domain_resume = remote_domain_resume,
    .domain_set_autostart = remote_domain_set_autostart,
    .domain_get_autostart = remote_domain_get_autostart,
    .domain_lookup_by_name = remote_domain_lookup_by_name,
    .domain_lookup_by_uuid = remote_domain_lookup_by_uuid,
    .domain_lookup_by_id = remote_domain_lookup_by_id,
    .connect_list_all_domains = remote_list_all_domains,
    .domain_get_id = remote_domain_get_id,
    .domain_get_info = remote_domain_get_info,
    .domain_get_state = remote_domain_get_state,
    .domain_is_active = remote_domain_is_active,
    .domain_is_persistent = remote_domain_is_persistent,
    .domain_get_xml_desc = remote_domain_get_xml_desc,
    .domain_set_vcpus = remote_domain_set_vcpus,
    .domain_set_memory = remote_domain_set_memory,
    .domain_attach_device = remote_domain_attach_device,
    .domain_detach_device = remote_domain_detach_device,
    .snapshot_create_xml = remote_snapshot_create_xml,
    .domain_list_all_snapshots = remote_list_all_snapshots,
    .snapshot_lookup_by_name = remote_snapshot_lookup_by_name,
    .snapshot_current = remote_snapshot_current,
    .snapshot_revert = remote_snapshot_revert,
    .snapshot_delete = remote_snapshot_delete,
    .snapshot_get_xml_desc = remote_snapshot_get_xml_desc,
    .network_define_xml = remote_network_define_xml,
    .network_create_xml = remote_network_create_xml,
    .network_undefine = remote_network_undefine,
    .network_start = remote_network_start,
    .network_destroy = remote_network_destroy,
    .network_lookup_by_name = remote_network_lookup_by_name,
    .network_lookup_by_uuid = remote_network_lookup_by_uuid,
    .connect_list_all_networks = remote_list_all_networks,
    .network_get_xml_desc = remote_network_get_xml_desc,
    .network_get_bridge_name = remote_network_get_bridge_name,
    .network_is_active = remote_network_is_active,
    .network_is_persistent = remote_network_is_persistent,
    .network_set_autostart = remote_network_set_autostart,
    .network_get_autostart = remote_network_get_autostart,
    .pool_define_xml = remote_pool_define_xml,
    .pool_start = remote_pool_start,
    .pool_destroy = remote_pool_destroy,
    .pool_undefine = remote_pool_undefine,
    .pool_refresh = remote_pool_refresh,
    .pool_lookup_by_name = remote_pool_lookup_by_name,
    .connect_list_all_pools = remote_list_all_pools,
    .pool_get_info = remote_pool_get_info,
    .pool_get_xml_desc = remote_pool_get_xml_desc,
    .pool_is_active = remote_pool_is_active,
    .pool_set_autostart = remote_pool_set_autostart,
    .volume_create_xml = remote_volume_create_xml,
    .volume_lookup_by_name = remote_volume_lookup_by_name,
    .volume_lookup_by_path = remote_volume_lookup_by_path,
    .pool_list_all_volumes = remote_list_all_volumes,
    .volume_get_path = remote_volume_get_path,
    .volume_get_info = remote_volume_get_info,
    .volume_get_xml_desc = remote_volume_get_xml_desc,
    .volume_delete = remote_volume_delete,
    .volume_resize = remote_volume_resize,
    .volume_upload = remote_volume_upload,
    .volume_download = remote_volume_download,
};
