/*
 * Connections: opening through the driver registry, and lifetime.
 */
#include <config.h>

#include <string.h>

#include "core/check.h"
#include "core/event.h"
#include "core/object.h"

#define CV_DEFAULT_URI "test:///default"

void cv_connect_unref_internal(cv_connect *conn);
extern const cv_driver cv_remote_driver __attribute__((weak));

static void
connect_dispose(cv_connect *conn)
{
    /* The driver goes first: it may still emit (nobody will hear it). */
    if (conn->driver && conn->driver->connect_close)
        conn->driver->connect_close(conn);
    cv_event_state_free(conn->events);
    cv_uri_free(conn->uri);
    g_free(conn->uri_string);
    g_free(conn);
}

/* Drops a reference; the last one closes. Returns the references left. */
static int
connect_unref(cv_connect *conn)
{
    int old = g_atomic_int_add(&conn->refs, -1);

    if (old == 1) {
        /* Closing may fail internally (a remote peer gone); that is no
         * error of the caller's, and must not leak into their next check. */
        cv_error_saved *saved = cv_error_save();
        connect_dispose(conn);
        cv_error_restore(saved);
    }
    return old - 1;
}

void
cv_connect_unref_internal(cv_connect *conn)
{
    connect_unref(conn);
}

static const char *
default_uri(void)
{
    const char *env = g_getenv("CLOUDVIRT_DEFAULT_URI");

    return env && *env ? env : CV_DEFAULT_URI;
}

cv_connect *
cv_connect_open(const char *uri_str, unsigned int flags)
{
    g_autoptr(cv_uri) uri = NULL;
    cv_connect *conn;
    const cv_driver *const *drv;
    const cv_driver *remote_only[2] = { NULL, NULL };
    const cv_driver *const *drivers = cv_registry_drivers();

    cv_error_reset();
    CV_CHECK_FLAGS(flags, CV_CONNECT_RO, NULL);
    if (!uri_str)
        uri_str = default_uri();
    uri = cv_uri_parse(uri_str);
    if (!uri)
        return NULL;
    if (uri->transport) {
        /* Remote URIs belong to the remote driver alone, so that no local
         * driver ever claims "test+ssh://" as its own (weak: programs that
         * link only lib/core have no remote driver). */
        if (!g_str_equal(uri->transport, "ssh") || !&cv_remote_driver) {
            cv_error_set(CV_ERR_NO_DRIVER, CV_FROM_CORE,
                         "cannot open '%s': the '%s' transport is not built into "
                         "this cloudvirt (known transports: ssh)",
                         uri_str, uri->transport);
            return NULL;
        }
        drivers = remote_only;
        remote_only[0] = &cv_remote_driver;
    }

    conn = g_new0(cv_connect, 1);
    conn->refs = 1;
    conn->flags = flags;
    conn->events = cv_event_state_new();
    conn->uri_string = cv_uri_format(uri);
    conn->uri = g_steal_pointer(&uri);

    for (drv = drivers; *drv; drv++) {
        cv_drv_open_result r;

        conn->driver = *drv;
        r = (*drv)->connect_open(conn, conn->uri, flags);
        if (r == CV_DRV_OPEN_SUCCESS)
            return conn;
        if (r == CV_DRV_OPEN_ERROR) {
            if (!cv_error_is_set())
                cv_error_set(CV_ERR_INTERNAL, CV_FROM_CORE,
                             "driver '%s' failed to open '%s' without saying "
                             "why (a cloudvirt bug)", (*drv)->name, uri_str);
            conn->driver = NULL;
            connect_unref(conn);
            return NULL;
        }
    }
    conn->driver = NULL;
    {
        cv_error_saved *saved;

        cv_error_set(CV_ERR_NO_DRIVER, CV_FROM_CORE,
                     "no driver in this build of cloudvirt handles '%s' "
                     "(built in: test)", uri_str);
        saved = cv_error_save();
        connect_unref(conn);
        cv_error_restore(saved);
    }
    return NULL;
}

int
cv_connect_ref(cv_connect *conn)
{
    cv_error_reset();
    CV_CHECK_CONN(conn, -1);
    g_atomic_int_inc(&conn->refs);
    return 0;
}

int
cv_connect_close(cv_connect *conn)
{
    cv_error_reset();
    if (!conn)
        return 0;
    return connect_unref(conn);
}

char *
cv_connect_get_uri(cv_connect *conn)
{
    cv_error_reset();
    CV_CHECK_CONN(conn, NULL);
    return g_strdup(conn->uri_string);
}

const char *
cv_connect_get_type(cv_connect *conn)
{
    cv_error_reset();
    CV_CHECK_CONN(conn, NULL);
    return conn->driver->name;
}

char *
cv_connect_get_hostname(cv_connect *conn)
{
    cv_error_reset();
    CV_CHECK_CONN(conn, NULL);
    if (!conn->driver->connect_get_hostname)
        return g_strdup(g_get_host_name());
    CV_DRIVER_CALL_PTR(conn, connect_get_hostname, conn);
}

int
cv_connect_get_version(cv_connect *conn, unsigned long *hv_version)
{
    cv_error_reset();
    CV_CHECK_CONN(conn, -1);
    CV_CHECK_NONNULL(hv_version, -1);
    CV_DRIVER_CALL_INT(conn, connect_get_version, conn, hv_version);
}

int
cv_connect_is_read_only(cv_connect *conn)
{
    cv_error_reset();
    CV_CHECK_CONN(conn, -1);
    return (conn->flags & CV_CONNECT_RO) ? 1 : 0;
}

int
cv_connect_is_alive(cv_connect *conn)
{
    cv_error_reset();
    CV_CHECK_CONN(conn, -1);
    /* A local driver with no liveness notion is alive while open. */
    if (!conn->driver->connect_is_alive)
        return 1;
    CV_DRIVER_CALL_INT(conn, connect_is_alive, conn);
}

/* Fills @info up to the size the caller's struct has, so callers built
 * against older (smaller) headers keep working. */
int
cv_connect_get_node_info(cv_connect *conn, cv_node_info *info)
{
    cv_node_info full = CV_NODE_INFO_INIT;
    uint32_t size;

    cv_error_reset();
    CV_CHECK_CONN(conn, -1);
    CV_CHECK_NONNULL(info, -1);
    size = info->size;
    if (size < sizeof(uint32_t))
        return cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_CORE,
                            "%s: info->size is %u; set it with CV_NODE_INFO_INIT",
                            G_STRFUNC, size);
    if (!conn->driver->connect_get_node_info)
        return cv_error_unsupported(conn, "connect_get_node_info");
    if (conn->driver->connect_get_node_info(conn, &full) < 0)
        return -1;
    memcpy(info, &full, MIN(size, sizeof(full)));
    info->size = MIN(size, sizeof(full));
    return 0;
}

char *
cv_connect_get_capabilities(cv_connect *conn, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_CONN(conn, NULL);
    CV_CHECK_FLAGS(flags, 0, NULL);
    CV_DRIVER_CALL_PTR(conn, connect_get_capabilities, conn, flags);
}
