/*
 * One call on the server: arguments (already type-checked against the
 * procedure's signature) to a public API call on the local connection, and
 * its result to a reply. Going through the public API means the local
 * checks (flags, read-only, NULLs) apply to remote callers exactly as to
 * local ones.
 *
 * Handles are rebuilt from (name, uuid) without a lookup, as the driver
 * contract allows: drivers find their state from the handle on each call
 * and fail with CV_ERR_NO_DOMAIN etc. if it is gone.
 */
#include <config.h>

#include <string.h>

#include "core/error.h"
#include "core/object.h"
#include "rpc/server.h"
#include "rpc/protocol.h"

#define NARGS 5

/* Strings from drivers go into GVariant, which insists on UTF-8. */
static GVariant *
str_v(const char *s)
{
    if (!s)
        s = "";
    if (g_utf8_validate(s, -1, NULL))
        return g_variant_new_string(s);
    {
        g_autofree char *valid = g_utf8_make_valid(s, -1);
        return g_variant_new_string(valid);
    }
}

static GVariant *
uuid_v(const unsigned char *uuid)
{
    return g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, uuid, CV_UUID_BUFLEN, 1);
}

static const unsigned char *
uuid_arg(GVariant *v)
{
    gsize n;
    const unsigned char *p = g_variant_get_fixed_array(v, &n, 1);

    if (n != CV_UUID_BUFLEN) {
        cv_error_set(CV_ERR_RPC, CV_FROM_RPC, "a UUID of %" G_GSIZE_FORMAT
                     " bytes was sent; UUIDs have %d", n, CV_UUID_BUFLEN);
        return NULL;
    }
    return p;
}

/* "(say)" -> name and uuid; NULL uuid with the error set. */
static const unsigned char *
named_arg(GVariant *v, const char **name)
{
    g_autoptr(GVariant) u = g_variant_get_child_value(v, 1);
    g_autoptr(GVariant) n = g_variant_get_child_value(v, 0);

    *name = g_variant_get_string(n, NULL);   /* lives as long as v */
    return uuid_arg(u);
}

static cv_domain *
dom_arg(cv_connect *conn, GVariant *v)
{
    const char *name;
    const unsigned char *uuid = named_arg(v, &name);

    return uuid ? cv_domain_new(conn, name, uuid) : NULL;
}

static cv_network *
net_arg(cv_connect *conn, GVariant *v)
{
    const char *name;
    const unsigned char *uuid = named_arg(v, &name);

    return uuid ? cv_network_new(conn, name, uuid) : NULL;
}

static cv_pool *
pool_arg(cv_connect *conn, GVariant *v)
{
    const char *name;
    const unsigned char *uuid = named_arg(v, &name);

    return uuid ? cv_pool_new(conn, name, uuid) : NULL;
}

cv_volume *
cv_rpc_server_volume_arg(cv_connect *conn, GVariant *v)
{
    const char *pool, *name, *key;

    g_variant_get(v, "(&s&s&s)", &pool, &name, &key);
    return cv_volume_new(conn, pool, name, key);
}

static cv_snapshot *
snap_arg(cv_connect *conn, GVariant *v)
{
    g_autoptr(GVariant) dv = g_variant_get_child_value(v, 0);
    g_autoptr(GVariant) nv = g_variant_get_child_value(v, 1);
    g_autoptr(cv_domain) dom = dom_arg(conn, dv);

    return dom ? cv_snapshot_new(dom, g_variant_get_string(nv, NULL)) : NULL;
}

/* Handle results; each takes the handle and frees it. */
static GVariant *
dom_v(cv_domain *d)
{
    GVariant *v = g_variant_new("(@s@ay)", str_v(d->name), uuid_v(d->uuid));
    cv_domain_free(d);
    return v;
}

static GVariant *
net_v(cv_network *n)
{
    GVariant *v = g_variant_new("(@s@ay)", str_v(n->name), uuid_v(n->uuid));
    cv_network_free(n);
    return v;
}

static GVariant *
pool_v(cv_pool *p)
{
    GVariant *v = g_variant_new("(@s@ay)", str_v(p->name), uuid_v(p->uuid));
    cv_pool_free(p);
    return v;
}

static GVariant *
vol_v(cv_volume *vol)
{
    GVariant *v = g_variant_new("(@s@s@s)", str_v(vol->pool), str_v(vol->name),
                                str_v(vol->key));
    cv_volume_free(vol);
    return v;
}

static GVariant *
snap_v(cv_snapshot *s)
{
    GVariant *v = g_variant_new("((@s@ay)@s)", str_v(s->dom->name),
                                uuid_v(s->dom->uuid), str_v(s->name));
    cv_snapshot_free(s);
    return v;
}

static GVariant *
str_reply(char *s)
{
    GVariant *v;

    if (!s)
        return NULL;
    v = g_variant_new("(@s)", str_v(s));
    cv_free(s);
    return v;
}

static GVariant *
int_reply(int r)
{
    return r < 0 ? NULL : g_variant_new("(i)", r);
}

#define U(i) g_variant_get_uint32(a[i])
#define I(i) g_variant_get_int32(a[i])
#define T(i) g_variant_get_uint64(a[i])
#define S(i) g_variant_get_string(a[i], NULL)
#define OK g_variant_new("()")

#define WITH(type, var, getter) \
    g_autoptr(type) var = getter(conn, a[0]); \
    if (!var) \
        return NULL

#define HANDLE_RET(type, expr, wrap) \
    do { \
        type *h_ = (expr); \
        return h_ ? wrap(h_) : NULL; \
    } while (0)

#define LIST_RET(type, call, wrap, elt) \
    do { \
        type **l_ = NULL; \
        int n_ = (call); \
        GVariantBuilder b_; \
        if (n_ < 0) \
            return NULL; \
        g_variant_builder_init(&b_, G_VARIANT_TYPE("a" elt)); \
        for (int i_ = 0; i_ < n_; i_++) \
            g_variant_builder_add_value(&b_, wrap(l_[i_])); \
        cv_free(l_); \
        return g_variant_new("(@a" elt ")", g_variant_builder_end(&b_)); \
    } while (0)

#define ACTION(proc, type, getter, fn) \
    case proc: { \
        WITH(type, h, getter); \
        return fn(h, U(1)) < 0 ? NULL : OK; \
    }

static GVariant *
dispatch(cv_connect *conn, guint32 proc, GVariant **a)
{
    switch ((cv_rpc_proc)proc) {
    case CV_PROC_CONNECT_GET_HOSTNAME:
        return str_reply(cv_connect_get_hostname(conn));
    case CV_PROC_CONNECT_GET_VERSION: {
        unsigned long v;
        return cv_connect_get_version(conn, &v) < 0 ? NULL : g_variant_new("(t)", (guint64)v);
    }
    case CV_PROC_CONNECT_IS_ALIVE:
        return int_reply(cv_connect_is_alive(conn));
    case CV_PROC_CONNECT_GET_NODE_INFO: {
        cv_node_info ni = CV_NODE_INFO_INIT;
        if (cv_connect_get_node_info(conn, &ni) < 0)
            return NULL;
        ni.model[sizeof(ni.model) - 1] = '\0';
        return g_variant_new("(@stuuuuuu)", str_v(ni.model), (guint64)ni.memory_kib,
                             ni.cpus, ni.mhz, ni.nodes, ni.sockets, ni.cores, ni.threads);
    }
    case CV_PROC_CONNECT_GET_CAPABILITIES:
        return str_reply(cv_connect_get_capabilities(conn, U(0)));

    /* Domains */
    case CV_PROC_DOMAIN_DEFINE_XML:
        HANDLE_RET(cv_domain, cv_domain_define_xml(conn, S(0), U(1)), dom_v);
    case CV_PROC_DOMAIN_CREATE_XML:
        HANDLE_RET(cv_domain, cv_domain_create_xml(conn, S(0), U(1)), dom_v);
    ACTION(CV_PROC_DOMAIN_UNDEFINE, cv_domain, dom_arg, cv_domain_undefine)
    ACTION(CV_PROC_DOMAIN_START, cv_domain, dom_arg, cv_domain_start)
    ACTION(CV_PROC_DOMAIN_SHUTDOWN, cv_domain, dom_arg, cv_domain_shutdown)
    ACTION(CV_PROC_DOMAIN_DESTROY, cv_domain, dom_arg, cv_domain_destroy)
    ACTION(CV_PROC_DOMAIN_REBOOT, cv_domain, dom_arg, cv_domain_reboot)
    ACTION(CV_PROC_DOMAIN_SUSPEND, cv_domain, dom_arg, cv_domain_suspend)
    ACTION(CV_PROC_DOMAIN_RESUME, cv_domain, dom_arg, cv_domain_resume)
    case CV_PROC_DOMAIN_SET_AUTOSTART: {
        WITH(cv_domain, d, dom_arg);
        return cv_domain_set_autostart(d, I(1), U(2)) < 0 ? NULL : OK;
    }
    case CV_PROC_DOMAIN_GET_AUTOSTART: {
        int v;
        WITH(cv_domain, d, dom_arg);
        return cv_domain_get_autostart(d, &v) < 0 ? NULL : g_variant_new("(i)", v);
    }
    case CV_PROC_DOMAIN_LOOKUP_BY_NAME:
        HANDLE_RET(cv_domain, cv_domain_lookup_by_name(conn, S(0)), dom_v);
    case CV_PROC_DOMAIN_LOOKUP_BY_UUID: {
        const unsigned char *u = uuid_arg(a[0]);
        if (!u)
            return NULL;
        HANDLE_RET(cv_domain, cv_domain_lookup_by_uuid(conn, u), dom_v);
    }
    case CV_PROC_DOMAIN_LOOKUP_BY_ID:
        HANDLE_RET(cv_domain, cv_domain_lookup_by_id(conn, I(0)), dom_v);
    case CV_PROC_CONNECT_LIST_ALL_DOMAINS:
        LIST_RET(cv_domain, cv_connect_list_all_domains(conn, &l_, U(0)), dom_v, "(say)");
    case CV_PROC_DOMAIN_GET_ID: {
        int id;
        WITH(cv_domain, d, dom_arg);
        /* -1 without an error is the answer "inactive", not a failure. */
        id = cv_domain_get_id(d);
        return id < 0 && cv_error_last() ? NULL : g_variant_new("(i)", id);
    }
    case CV_PROC_DOMAIN_GET_INFO: {
        cv_domain_info di = CV_DOMAIN_INFO_INIT;
        WITH(cv_domain, d, dom_arg);
        if (cv_domain_get_info(d, &di) < 0)
            return NULL;
        return g_variant_new("(ittuut)", di.state, (guint64)di.max_memory_kib,
                             (guint64)di.memory_kib, di.nr_vcpus, di.max_vcpus,
                             (guint64)di.cpu_time_ns);
    }
    case CV_PROC_DOMAIN_GET_STATE: {
        int state, reason;
        WITH(cv_domain, d, dom_arg);
        if (cv_domain_get_state(d, &state, &reason, U(1)) < 0)
            return NULL;
        return g_variant_new("(ii)", state, reason);
    }
    case CV_PROC_DOMAIN_IS_ACTIVE: {
        WITH(cv_domain, d, dom_arg);
        return int_reply(cv_domain_is_active(d));
    }
    case CV_PROC_DOMAIN_IS_PERSISTENT: {
        WITH(cv_domain, d, dom_arg);
        return int_reply(cv_domain_is_persistent(d));
    }
    case CV_PROC_DOMAIN_GET_XML_DESC: {
        WITH(cv_domain, d, dom_arg);
        return str_reply(cv_domain_get_xml_desc(d, U(1)));
    }
    case CV_PROC_DOMAIN_SET_VCPUS: {
        WITH(cv_domain, d, dom_arg);
        return cv_domain_set_vcpus(d, U(1), U(2)) < 0 ? NULL : OK;
    }
    case CV_PROC_DOMAIN_SET_MEMORY: {
        WITH(cv_domain, d, dom_arg);
        return cv_domain_set_memory(d, T(1), U(2)) < 0 ? NULL : OK;
    }
    case CV_PROC_DOMAIN_ATTACH_DEVICE: {
        WITH(cv_domain, d, dom_arg);
        return cv_domain_attach_device(d, S(1), U(2)) < 0 ? NULL : OK;
    }
    case CV_PROC_DOMAIN_DETACH_DEVICE: {
        WITH(cv_domain, d, dom_arg);
        return cv_domain_detach_device(d, S(1), U(2)) < 0 ? NULL : OK;
    }

    /* Snapshots */
    case CV_PROC_SNAPSHOT_CREATE_XML: {
        WITH(cv_domain, d, dom_arg);
        HANDLE_RET(cv_snapshot, cv_snapshot_create_xml(d, S(1), U(2)), snap_v);
    }
    case CV_PROC_DOMAIN_LIST_ALL_SNAPSHOTS: {
        WITH(cv_domain, d, dom_arg);
        LIST_RET(cv_snapshot, cv_domain_list_all_snapshots(d, &l_, U(1)), snap_v,
                 "((say)s)");
    }
    case CV_PROC_SNAPSHOT_LOOKUP_BY_NAME: {
        WITH(cv_domain, d, dom_arg);
        HANDLE_RET(cv_snapshot, cv_snapshot_lookup_by_name(d, S(1), U(2)), snap_v);
    }
    case CV_PROC_SNAPSHOT_CURRENT: {
        WITH(cv_domain, d, dom_arg);
        HANDLE_RET(cv_snapshot, cv_snapshot_current(d, U(1)), snap_v);
    }
    ACTION(CV_PROC_SNAPSHOT_REVERT, cv_snapshot, snap_arg, cv_snapshot_revert)
    ACTION(CV_PROC_SNAPSHOT_DELETE, cv_snapshot, snap_arg, cv_snapshot_delete)
    case CV_PROC_SNAPSHOT_GET_XML_DESC: {
        WITH(cv_snapshot, s, snap_arg);
        return str_reply(cv_snapshot_get_xml_desc(s, U(1)));
    }

    /* Networks */
    case CV_PROC_NETWORK_DEFINE_XML:
        HANDLE_RET(cv_network, cv_network_define_xml(conn, S(0), U(1)), net_v);
    case CV_PROC_NETWORK_CREATE_XML:
        HANDLE_RET(cv_network, cv_network_create_xml(conn, S(0), U(1)), net_v);
    ACTION(CV_PROC_NETWORK_UNDEFINE, cv_network, net_arg, cv_network_undefine)
    ACTION(CV_PROC_NETWORK_START, cv_network, net_arg, cv_network_start)
    ACTION(CV_PROC_NETWORK_DESTROY, cv_network, net_arg, cv_network_destroy)
    case CV_PROC_NETWORK_LOOKUP_BY_NAME:
        HANDLE_RET(cv_network, cv_network_lookup_by_name(conn, S(0)), net_v);
    case CV_PROC_NETWORK_LOOKUP_BY_UUID: {
        const unsigned char *u = uuid_arg(a[0]);
        char buf[CV_UUID_STRING_BUFLEN];
        if (!u)
            return NULL;
        /* The public API only looks networks up by UUID text. */
        cv_uuid_format(u, buf);
        HANDLE_RET(cv_network, cv_network_lookup_by_uuid_string(conn, buf), net_v);
    }
    case CV_PROC_CONNECT_LIST_ALL_NETWORKS:
        LIST_RET(cv_network, cv_connect_list_all_networks(conn, &l_, U(0)), net_v, "(say)");
    case CV_PROC_NETWORK_GET_XML_DESC: {
        WITH(cv_network, n, net_arg);
        return str_reply(cv_network_get_xml_desc(n, U(1)));
    }
    case CV_PROC_NETWORK_GET_BRIDGE_NAME: {
        WITH(cv_network, n, net_arg);
        return str_reply(cv_network_get_bridge_name(n));
    }
    case CV_PROC_NETWORK_IS_ACTIVE: {
        WITH(cv_network, n, net_arg);
        return int_reply(cv_network_is_active(n));
    }
    case CV_PROC_NETWORK_IS_PERSISTENT: {
        WITH(cv_network, n, net_arg);
        return int_reply(cv_network_is_persistent(n));
    }
    case CV_PROC_NETWORK_SET_AUTOSTART: {
        WITH(cv_network, n, net_arg);
        return cv_network_set_autostart(n, I(1), U(2)) < 0 ? NULL : OK;
    }
    case CV_PROC_NETWORK_GET_AUTOSTART: {
        int v;
        WITH(cv_network, n, net_arg);
        return cv_network_get_autostart(n, &v) < 0 ? NULL : g_variant_new("(i)", v);
    }

    /* Pools */
    case CV_PROC_POOL_DEFINE_XML:
        HANDLE_RET(cv_pool, cv_pool_define_xml(conn, S(0), U(1)), pool_v);
    ACTION(CV_PROC_POOL_START, cv_pool, pool_arg, cv_pool_start)
    ACTION(CV_PROC_POOL_DESTROY, cv_pool, pool_arg, cv_pool_destroy)
    ACTION(CV_PROC_POOL_UNDEFINE, cv_pool, pool_arg, cv_pool_undefine)
    ACTION(CV_PROC_POOL_REFRESH, cv_pool, pool_arg, cv_pool_refresh)
    case CV_PROC_POOL_LOOKUP_BY_NAME:
        HANDLE_RET(cv_pool, cv_pool_lookup_by_name(conn, S(0)), pool_v);
    case CV_PROC_CONNECT_LIST_ALL_POOLS:
        LIST_RET(cv_pool, cv_connect_list_all_pools(conn, &l_, U(0)), pool_v, "(say)");
    case CV_PROC_POOL_GET_INFO: {
        cv_pool_info pi = CV_POOL_INFO_INIT;
        WITH(cv_pool, p, pool_arg);
        if (cv_pool_get_info(p, &pi) < 0)
            return NULL;
        return g_variant_new("(ittt)", pi.state, (guint64)pi.capacity,
                             (guint64)pi.allocation, (guint64)pi.available);
    }
    case CV_PROC_POOL_GET_XML_DESC: {
        WITH(cv_pool, p, pool_arg);
        return str_reply(cv_pool_get_xml_desc(p, U(1)));
    }
    case CV_PROC_POOL_IS_ACTIVE: {
        WITH(cv_pool, p, pool_arg);
        return int_reply(cv_pool_is_active(p));
    }
    case CV_PROC_POOL_SET_AUTOSTART: {
        WITH(cv_pool, p, pool_arg);
        return cv_pool_set_autostart(p, I(1), U(2)) < 0 ? NULL : OK;
    }

    /* Volumes */
    case CV_PROC_VOLUME_CREATE_XML: {
        WITH(cv_pool, p, pool_arg);
        HANDLE_RET(cv_volume, cv_volume_create_xml(p, S(1), U(2)), vol_v);
    }
    case CV_PROC_VOLUME_LOOKUP_BY_NAME: {
        WITH(cv_pool, p, pool_arg);
        HANDLE_RET(cv_volume, cv_volume_lookup_by_name(p, S(1)), vol_v);
    }
    case CV_PROC_VOLUME_LOOKUP_BY_PATH:
        HANDLE_RET(cv_volume, cv_volume_lookup_by_path(conn, S(0)), vol_v);
    case CV_PROC_POOL_LIST_ALL_VOLUMES: {
        WITH(cv_pool, p, pool_arg);
        LIST_RET(cv_volume, cv_pool_list_all_volumes(p, &l_, U(1)), vol_v, "(sss)");
    }
    case CV_PROC_VOLUME_GET_PATH: {
        WITH(cv_volume, v, cv_rpc_server_volume_arg);
        return str_reply(cv_volume_get_path(v));
    }
    case CV_PROC_VOLUME_GET_INFO: {
        cv_volume_info vi = CV_VOLUME_INFO_INIT;
        WITH(cv_volume, v, cv_rpc_server_volume_arg);
        if (cv_volume_get_info(v, &vi) < 0)
            return NULL;
        return g_variant_new("(itt)", vi.type, (guint64)vi.capacity,
                             (guint64)vi.allocation);
    }
    case CV_PROC_VOLUME_GET_XML_DESC: {
        WITH(cv_volume, v, cv_rpc_server_volume_arg);
        return str_reply(cv_volume_get_xml_desc(v, U(1)));
    }
    ACTION(CV_PROC_VOLUME_DELETE, cv_volume, cv_rpc_server_volume_arg, cv_volume_delete)
    case CV_PROC_VOLUME_RESIZE: {
        WITH(cv_volume, v, cv_rpc_server_volume_arg);
        return cv_volume_resize(v, T(1), U(2)) < 0 ? NULL : OK;
    }

    case CV_PROC_PING:
    case CV_PROC_CONNECT_OPEN:
    case CV_PROC_VOLUME_UPLOAD:
    case CV_PROC_VOLUME_DOWNLOAD:
    case CV_PROC_LAST:
        break;
    }
    cv_error_set(CV_ERR_RPC, CV_FROM_RPC, "procedure %u cannot be dispatched here", proc);
    return NULL;
}

GVariant *
cv_rpc_server_dispatch(cv_connect *conn, guint32 proc, GVariant *args)
{
    GVariant *a[NARGS] = { NULL };
    gsize n = MIN(g_variant_n_children(args), NARGS);
    GVariant *r;

    for (gsize i = 0; i < n; i++)
        a[i] = g_variant_get_child_value(args, i);
    r = dispatch(conn, proc, a);
    for (gsize i = 0; i < n; i++)
        g_variant_unref(a[i]);
    if (!r && !cv_error_last())
        cv_error_set(CV_ERR_INTERNAL, CV_FROM_RPC, "remote call %u failed without an "
                     "error (a cloudvirt bug)", proc);
    return r;
}
