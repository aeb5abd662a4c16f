/*
 * cv-domain.h: domains (virtual machines). A domain is described by
 * libvirt-style domain XML; it is persistent once defined, transient when
 * created directly from XML, and active while it runs.
 */
#ifndef CLOUDVIRT_CV_DOMAIN_H
#define CLOUDVIRT_CV_DOMAIN_H

#include <cloudvirt/cv-common.h>
#include <cloudvirt/cv-connect.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cv_domain cv_domain;

/* States; the numbers match libvirt's virDomainState. */
typedef enum {
    CV_DOMAIN_NOSTATE = 0,
    CV_DOMAIN_RUNNING = 1,
    CV_DOMAIN_BLOCKED = 2,
    CV_DOMAIN_PAUSED = 3,
    CV_DOMAIN_SHUTDOWN = 4,    /* being shut down */
    CV_DOMAIN_SHUTOFF = 5,
    CV_DOMAIN_CRASHED = 6,
    CV_DOMAIN_PMSUSPENDED = 7,
} cv_domain_state;

/* Which copy of the definition a change applies to (libvirt's values). */
typedef enum {
    CV_DOMAIN_AFFECT_CURRENT = 0,      /* live if running, else config */
    CV_DOMAIN_AFFECT_LIVE = 1 << 0,
    CV_DOMAIN_AFFECT_CONFIG = 1 << 1,
} cv_domain_modify_flags;

/* Extra flags for cv_domain_set_vcpus() and cv_domain_set_memory(). */
typedef enum {
    CV_DOMAIN_SET_MAXIMUM = 1 << 2,    /* change the maximum (config only) */
} cv_domain_set_flags;

/* Flags for cv_domain_start() and cv_domain_create_xml(). */
typedef enum {
    CV_DOMAIN_START_PAUSED = 1 << 0,
} cv_domain_start_flags;

/* Flags for cv_domain_undefine(). */
typedef enum {
    CV_DOMAIN_UNDEFINE_SNAPSHOTS = 1 << 0, /* also delete its snapshots */
} cv_domain_undefine_flags;

/* Flags for cv_domain_get_xml_desc(). */
typedef enum {
    CV_DOMAIN_XML_INACTIVE = 1 << 0,  /* the persistent config, not the live one */
} cv_domain_xml_flags;

/* Flags for cv_connect_list_all_domains(); groups combine with AND, flags
 * within a group with OR, and no flag of a group means "any". */
typedef enum {
    CV_LIST_DOMAINS_ACTIVE = 1 << 0,
    CV_LIST_DOMAINS_INACTIVE = 1 << 1,
    CV_LIST_DOMAINS_PERSISTENT = 1 << 2,
    CV_LIST_DOMAINS_TRANSIENT = 1 << 3,
    CV_LIST_DOMAINS_RUNNING = 1 << 4,
    CV_LIST_DOMAINS_PAUSED = 1 << 5,
    CV_LIST_DOMAINS_SHUTOFF = 1 << 6,
    CV_LIST_DOMAINS_OTHER = 1 << 7,
    CV_LIST_DOMAINS_AUTOSTART = 1 << 8,
    CV_LIST_DOMAINS_NO_AUTOSTART = 1 << 9,
    CV_LIST_DOMAINS_HAS_SNAPSHOT = 1 << 10,
    CV_LIST_DOMAINS_NO_SNAPSHOT = 1 << 11,
} cv_list_domains_flags;

/**
 * cv_domain_info:
 * @size: sizeof(cv_domain_info), set by CV_DOMAIN_INFO_INIT
 *
 * Fields may only be appended.
 */
typedef struct cv_domain_info {
    uint32_t size;
    int32_t state;            /* cv_domain_state */
    uint64_t max_memory_kib;
    uint64_t memory_kib;      /* current balloon */
    uint32_t nr_vcpus;        /* vCPUs in use */
    uint32_t max_vcpus;
    uint64_t cpu_time_ns;     /* CPU time used since start */
} cv_domain_info;

#define CV_DOMAIN_INFO_INIT { sizeof(cv_domain_info), 0, 0, 0, 0, 0, 0 }

/**
 * cv_domain_define_xml:
 * @conn: a connection
 * @xml: domain XML (the supported subset of libvirt's format)
 * @flags: 0
 *
 * Defines a persistent domain, or replaces the persistent config of an
 * existing one with the same name and UUID (a running domain keeps its live
 * config until it next starts).
 *
 * Returns: a handle (free with cv_domain_free()), or NULL on failure:
 * CV_ERR_XML / CV_ERR_XML_UNSUPPORTED for bad XML, CV_ERR_DUPLICATE when the
 * name or UUID belongs to another domain.
 *
 * Since: 0.1
 */
CV_API cv_domain *cv_domain_define_xml(cv_connect *conn, const char *xml,
                                       unsigned int flags);

/**
 * cv_domain_create_xml:
 * @conn: a connection
 * @xml: domain XML
 * @flags: 0 or CV_DOMAIN_START_PAUSED
 *
 * Creates and starts a transient domain, which disappears when it stops.
 *
 * Returns: a handle, or NULL on failure.
 *
 * Since: 0.1
 */
CV_API cv_domain *cv_domain_create_xml(cv_connect *conn, const char *xml,
                                       unsigned int flags);

/**
 * cv_domain_undefine:
 * @dom: a domain
 * @flags: 0 or CV_DOMAIN_UNDEFINE_SNAPSHOTS
 *
 * Removes the persistent config. A running domain becomes transient and
 * goes away when it stops. Fails for a transient domain, and for a domain
 * with snapshots unless CV_DOMAIN_UNDEFINE_SNAPSHOTS is given.
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_domain_undefine(cv_domain *dom, unsigned int flags);

/**
 * cv_domain_start:
 * @dom: an inactive persistent domain
 * @flags: 0 or CV_DOMAIN_START_PAUSED
 *
 * Returns: 0 on success, -1 on failure (CV_ERR_OPERATION_INVALID if it is
 * already running).
 *
 * Since: 0.1
 */
CV_API int cv_domain_start(cv_domain *dom, unsigned int flags);

/**
 * cv_domain_shutdown:
 * @dom: a running domain
 * @flags: 0
 *
 * Asks the guest to power off (ACPI). Returns once the request is made; the
 * guest may take time or ignore it. A CV_EVENT_DOMAIN_STOPPED event tells
 * when it is off.
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_domain_shutdown(cv_domain *dom, unsigned int flags);

/**
 * cv_domain_destroy:
 * @dom: an active domain
 * @flags: 0
 *
 * Stops the domain at once, like pulling the plug. A transient domain is
 * gone afterwards; the handle then only answers name and UUID.
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_domain_destroy(cv_domain *dom, unsigned int flags);

/**
 * cv_domain_reboot:
 * @dom: a running domain
 * @flags: 0
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_domain_reboot(cv_domain *dom, unsigned int flags);

/**
 * cv_domain_suspend:
 * @dom: a running domain
 * @flags: 0
 *
 * Pauses the vCPUs; memory is kept.
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_domain_suspend(cv_domain *dom, unsigned int flags);

/**
 * cv_domain_resume:
 * @dom: a paused domain
 * @flags: 0
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_domain_resume(cv_domain *dom, unsigned int flags);

/**
 * cv_domain_set_autostart:
 * @dom: a persistent domain
 * @autostart: 1 to start it when the host (or the test driver) starts, 0 not
 * @flags: 0
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_domain_set_autostart(cv_domain *dom, int autostart, unsigned int flags);

/**
 * cv_domain_get_autostart:
 * @dom: a domain
 * @autostart: (out): 1 or 0
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_domain_get_autostart(cv_domain *dom, int *autostart);

/**
 * cv_domain_lookup_by_name:
 * @conn: a connection
 * @name: the domain's name
 *
 * Returns: a handle (free with cv_domain_free()), or NULL with
 * CV_ERR_NO_DOMAIN.
 *
 * Since: 0.1
 */
CV_API cv_domain *cv_domain_lookup_by_name(cv_connect *conn, const char *name);

/**
 * cv_domain_lookup_by_uuid_string:
 * @conn: a connection
 * @uuid: the UUID as text
 *
 * Returns: a handle, or NULL (CV_ERR_INVALID_ARG for malformed text,
 * CV_ERR_NO_DOMAIN when none has it).
 *
 * Since: 0.1
 */
CV_API cv_domain *cv_domain_lookup_by_uuid_string(cv_connect *conn, const char *uuid);

/**
 * cv_domain_lookup_by_uuid:
 * @conn: a connection
 * @uuid: CV_UUID_BUFLEN raw bytes
 *
 * Returns: a handle, or NULL with CV_ERR_NO_DOMAIN.
 *
 * Since: 0.1
 */
CV_API cv_domain *cv_domain_lookup_by_uuid(cv_connect *conn, const unsigned char *uuid);

/**
 * cv_domain_lookup_by_id:
 * @conn: a connection
 * @id: the ID of a running domain
 *
 * Returns: a handle, or NULL with CV_ERR_NO_DOMAIN.
 *
 * Since: 0.1
 */
CV_API cv_domain *cv_domain_lookup_by_id(cv_connect *conn, int id);

/**
 * cv_connect_list_all_domains:
 * @conn: a connection
 * @domains: (out) (optional): array of handles; free each with
 *           cv_domain_free() and the array with cv_free(). May be NULL to
 *           only count.
 * @flags: cv_list_domains_flags, 0 for all
 *
 * Returns: the number of domains, or -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_connect_list_all_domains(cv_connect *conn, cv_domain ***domains,
                                       unsigned int flags);

/**
 * cv_domain_list_free:
 * @domains: an array from cv_connect_list_all_domains(), or NULL
 * @count: its length
 *
 * Frees each handle and the array.
 *
 * Since: 0.1
 */
CV_API void cv_domain_list_free(cv_domain **domains, int count);

/**
 * cv_domain_get_name:
 * @dom: a domain
 *
 * Returns: the name; borrowed, valid as long as @dom is.
 *
 * Since: 0.1
 */
CV_API const char *cv_domain_get_name(cv_domain *dom);

/**
 * cv_domain_get_uuid:
 * @dom: a domain
 * @uuid: (out): CV_UUID_BUFLEN bytes
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_domain_get_uuid(cv_domain *dom, unsigned char *uuid);

/**
 * cv_domain_get_uuid_string:
 * @dom: a domain
 * @buf: (out): CV_UUID_STRING_BUFLEN bytes
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_domain_get_uuid_string(cv_domain *dom, char *buf);

/**
 * cv_domain_get_id:
 * @dom: a domain
 *
 * Returns: the ID of a running (or paused) domain; -1 when it is not active
 * (then cv_error_last() is NULL) or on failure (then it is set).
 *
 * Since: 0.1
 */
CV_API int cv_domain_get_id(cv_domain *dom);

/**
 * cv_domain_get_connect:
 * @dom: a domain
 *
 * Returns: the connection; borrowed, valid as long as @dom is.
 *
 * Since: 0.1
 */
CV_API cv_connect *cv_domain_get_connect(cv_domain *dom);

/**
 * cv_domain_get_info:
 * @dom: a domain
 * @info: (inout): a cv_domain_info with its size set
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_domain_get_info(cv_domain *dom, cv_domain_info *info);

/**
 * cv_domain_get_state:
 * @dom: a domain
 * @state: (out): a cv_domain_state
 * @reason: (out) (optional): why it is in that state, driver-specific, 0 if unknown
 * @flags: 0
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_domain_get_state(cv_domain *dom, int *state, int *reason,
                               unsigned int flags);

/**
 * cv_domain_is_active:
 * @dom: a domain
 *
 * Returns: 1 if running or paused, 0 if not, -1 on error.
 *
 * Since: 0.1
 */
CV_API int cv_domain_is_active(cv_domain *dom);

/**
 * cv_domain_is_persistent:
 * @dom: a domain
 *
 * Returns: 1 if it has a persistent config, 0 if transient, -1 on error.
 *
 * Since: 0.1
 */
CV_API int cv_domain_is_persistent(cv_domain *dom);

/**
 * cv_domain_get_xml_desc:
 * @dom: a domain
 * @flags: 0 or CV_DOMAIN_XML_INACTIVE
 *
 * Returns: the domain XML (live config if running, unless
 * CV_DOMAIN_XML_INACTIVE); free with cv_free(). NULL on failure.
 *
 * Since: 0.1
 */
CV_API char *cv_domain_get_xml_desc(cv_domain *dom, unsigned int flags);

/**
 * cv_domain_set_vcpus:
 * @dom: a domain
 * @nvcpus: the new count
 * @flags: cv_domain_modify_flags, optionally with CV_DOMAIN_SET_MAXIMUM
 *
 * Live changes are refused beyond the domain's maximum; CV_DOMAIN_SET_MAXIMUM
 * (config only) is refused beyond the host's CPUs. CV_ERR_RESOURCE_LIMIT.
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_domain_set_vcpus(cv_domain *dom, unsigned int nvcpus, unsigned int flags);

/**
 * cv_domain_set_memory:
 * @dom: a domain
 * @memory_kib: the new amount in KiB
 * @flags: cv_domain_modify_flags, optionally with CV_DOMAIN_SET_MAXIMUM
 *
 * The current amount may not exceed the domain's maximum; the maximum may
 * not exceed the host's memory, and changes to it are config only.
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_domain_set_memory(cv_domain *dom, uint64_t memory_kib, unsigned int flags);

/**
 * cv_domain_attach_device:
 * @dom: a domain
 * @xml: one <disk> or <interface> element in domain XML syntax
 * @flags: cv_domain_modify_flags
 *
 * Returns: 0 on success, -1 on failure (CV_ERR_DUPLICATE for a disk target
 * already in use).
 *
 * Since: 0.1
 */
CV_API int cv_domain_attach_device(cv_domain *dom, const char *xml, unsigned int flags);

/**
 * cv_domain_detach_device:
 * @dom: a domain
 * @xml: the <disk> (matched by target dev) or <interface> (matched by MAC)
 *       to remove
 * @flags: cv_domain_modify_flags
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_domain_detach_device(cv_domain *dom, const char *xml, unsigned int flags);

/**
 * cv_domain_ref:
 * @dom: a domain
 *
 * Returns: 0, or -1 if @dom is NULL.
 *
 * Since: 0.1
 */
CV_API int cv_domain_ref(cv_domain *dom);

/**
 * cv_domain_free:
 * @dom: a domain, or NULL (a no-op)
 *
 * Drops one reference to the handle (never to the domain itself).
 *
 * Since: 0.1
 */
CV_API void cv_domain_free(cv_domain *dom);

#ifdef __cplusplus
}
#endif

#endif /* CLOUDVIRT_CV_DOMAIN_H */
