/*
 * cv-connect.h: connections. A connection is opened from a URI that names the
 * driver (test, kvm/qemu, xen, hyperv, DRIVER+ssh for a remote host) and is
 * the parent of every domain, network, pool and volume handle.
 */
#ifndef CLOUDVIRT_CV_CONNECT_H
#define CLOUDVIRT_CV_CONNECT_H

#include <cloudvirt/cv-common.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cv_connect cv_connect;

/* Flags for cv_connect_open(). */
typedef enum {
    CV_CONNECT_RO = 1 << 0,  /* read-only: every mutating call is refused */
} cv_connect_flags;

/**
 * cv_connect_open:
 * @uri: e.g. "test:///default", "kvm:///system", "test+ssh://root@h/default";
 *       NULL means "test:///default"
 * @flags: 0 or CV_CONNECT_RO
 *
 * Opens a connection. Drivers are asked in a fixed order; the first that
 * accepts the URI's scheme owns the connection.
 *
 * Returns: a new connection (release with cv_connect_close()), or NULL with
 * cv_error_last() set (CV_ERR_INVALID_URI, CV_ERR_NO_DRIVER, or the driver's
 * own error).
 *
 * Since: 0.1
 */
CV_API cv_connect *cv_connect_open(const char *uri, unsigned int flags);

/**
 * cv_connect_ref:
 * @conn: a connection
 *
 * Takes an extra reference, released with cv_connect_close().
 *
 * Returns: 0, or -1 if @conn is NULL.
 *
 * Since: 0.1
 */
CV_API int cv_connect_ref(cv_connect *conn);

/**
 * cv_connect_close:
 * @conn: a connection, or NULL (a no-op)
 *
 * Drops one reference. The connection really closes when the last reference
 * goes; handles of domains, networks, pools, volumes and snapshots each hold
 * one, so they stay usable after the caller's own close. Once the driver side
 * is gone (a remote peer died), calls on those handles fail with
 * CV_ERR_CONNECTION_CLOSED.
 *
 * Returns: the number of references left, or -1 on error.
 *
 * Since: 0.1
 */
CV_API int cv_connect_close(cv_connect *conn);

/**
 * cv_connect_get_uri:
 * @conn: a connection
 *
 * Returns: the canonical URI of the connection; free with cv_free(). NULL on
 * error.
 *
 * Since: 0.1
 */
CV_API char *cv_connect_get_uri(cv_connect *conn);

/**
 * cv_connect_get_type:
 * @conn: a connection
 *
 * Returns: the driver's name ("test", "kvm", "xen", "hyperv", "remote").
 * Static storage; valid while @conn is.
 *
 * Since: 0.1
 */
CV_API const char *cv_connect_get_type(cv_connect *conn);

/**
 * cv_connect_get_hostname:
 * @conn: a connection
 *
 * Returns: the name of the host the driver manages; free with cv_free().
 *
 * Since: 0.1
 */
CV_API char *cv_connect_get_hostname(cv_connect *conn);

/**
 * cv_connect_get_version:
 * @conn: a connection
 * @hv_version: (out): hypervisor version, major * 1,000,000 + minor * 1,000 + micro
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_connect_get_version(cv_connect *conn, unsigned long *hv_version);

/**
 * cv_connect_is_read_only:
 * @conn: a connection
 *
 * Returns: 1 if opened with CV_CONNECT_RO, 0 if not, -1 on error.
 *
 * Since: 0.1
 */
CV_API int cv_connect_is_read_only(cv_connect *conn);

/**
 * cv_connect_is_alive:
 * @conn: a connection
 *
 * Returns: 1 while the driver (or remote peer) is reachable, 0 when it is not,
 * -1 on error.
 *
 * Since: 0.1
 */
CV_API int cv_connect_is_alive(cv_connect *conn);

/**
 * cv_node_info:
 * @size: set to sizeof(cv_node_info) by the caller (CV_NODE_INFO_INIT does);
 *        the library fills only the fields that fit, so programs built
 *        against older headers keep working
 *
 * What the host offers. Fields may only be appended.
 */
typedef struct cv_node_info {
    uint32_t size;
    char model[32];          /* CPU architecture, "x86_64" */
    uint64_t memory_kib;     /* total memory */
    uint32_t cpus;           /* logical CPUs */
    uint32_t mhz;
    uint32_t nodes;          /* NUMA nodes */
    uint32_t sockets;        /* per node */
    uint32_t cores;          /* per socket */
    uint32_t threads;        /* per core */
} cv_node_info;

#define CV_NODE_INFO_INIT { sizeof(cv_node_info), { 0 }, 0, 0, 0, 0, 0, 0, 0 }

/**
 * cv_connect_get_node_info:
 * @conn: a connection
 * @info: (inout): a cv_node_info whose size field is set
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_connect_get_node_info(cv_connect *conn, cv_node_info *info);

/**
 * cv_connect_get_capabilities:
 * @conn: a connection
 * @flags: 0
 *
 * Returns: the host's capabilities as libvirt-style capabilities XML (host
 * CPU, guest architectures and domain types, whether hardware acceleration
 * is really usable); free with cv_free(). NULL on failure.
 *
 * Since: 0.1
 */
CV_API char *cv_connect_get_capabilities(cv_connect *conn, unsigned int flags);

#ifdef __cplusplus
}
#endif

#endif /* CLOUDVIRT_CV_CONNECT_H */
