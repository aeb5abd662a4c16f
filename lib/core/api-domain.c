/*
 * Public domain entry points: check once, then call the driver table.
 */
#include <config.h>

#include <string.h>

#include "core/check.h"
#include "core/object.h"

#define MODIFY_FLAGS (CV_DOMAIN_AFFECT_LIVE | CV_DOMAIN_AFFECT_CONFIG)
#define LIST_FLAGS 0xfffu

cv_domain *
cv_domain_define_xml(cv_connect *conn, const char *xml, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_CONN(conn, NULL);
    CV_CHECK_NONNULL(xml, NULL);
    CV_CHECK_FLAGS(flags, 0, NULL);
    CV_CHECK_WRITABLE(conn, NULL);
    CV_DRIVER_CALL_PTR(conn, domain_define_xml, conn, xml, flags);
}

cv_domain *
cv_domain_create_xml(cv_connect *conn, const char *xml, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_CONN(conn, NULL);
    CV_CHECK_NONNULL(xml, NULL);
    CV_CHECK_FLAGS(flags, CV_DOMAIN_START_PAUSED, NULL);
    CV_CHECK_WRITABLE(conn, NULL);
    CV_DRIVER_CALL_PTR(conn, domain_create_xml, conn, xml, flags);
}

/* The simple state changes all have the same shape. */
#define DOMAIN_ACTION(fn, entry, allowed) \
    int fn(cv_domain *dom, unsigned int flags) \
    { \
        cv_error_reset(); \
        CV_CHECK_DOMAIN(dom, -1); \
        CV_CHECK_FLAGS(flags, allowed, -1); \
        CV_CHECK_WRITABLE(dom->conn, -1); \
        CV_DRIVER_CALL_INT(dom->conn, entry, dom, flags); \
    }

DOMAIN_ACTION(cv_domain_undefine, domain_undefine, CV_DOMAIN_UNDEFINE_SNAPSHOTS)
DOMAIN_ACTION(cv_domain_start, domain_start, CV_DOMAIN_START_PAUSED)
DOMAIN_ACTION(cv_domain_shutdown, domain_shutdown, 0)
DOMAIN_ACTION(cv_domain_destroy, domain_destroy, 0)
DOMAIN_ACTION(cv_domain_reboot, domain_reboot, 0)
DOMAIN_ACTION(cv_domain_suspend, domain_suspend, 0)
DOMAIN_ACTION(cv_domain_resume, domain_resume, 0)

int
cv_domain_set_autostart(cv_domain *dom, int autostart, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_DOMAIN(dom, -1);
    CV_CHECK_FLAGS(flags, 0, -1);
    CV_CHECK_WRITABLE(dom->conn, -1);
    CV_DRIVER_CALL_INT(dom->conn, domain_set_autostart, dom, autostart ? 1 : 0, flags);
}

int
cv_domain_get_autostart(cv_domain *dom, int *autostart)
{
    cv_error_reset();
    CV_CHECK_DOMAIN(dom, -1);
    CV_CHECK_NONNULL(autostart, -1);
    CV_DRIVER_CALL_INT(dom->conn, domain_get_autostart, dom, autostart);
}

cv_domain *
cv_domain_lookup_by_name(cv_connect *conn, const char *name)
{
    cv_error_reset();
    CV_CHECK_CONN(conn, NULL);
    CV_CHECK_NONNULL(name, NULL);
    CV_DRIVER_CALL_PTR(conn, domain_lookup_by_name, conn, name);
}

cv_domain *
cv_domain_lookup_by_uuid(cv_connect *conn, const unsigned char *uuid)
{
    cv_error_reset();
    CV_CHECK_CONN(conn, NULL);
    CV_CHECK_NONNULL(uuid, NULL);
    CV_DRIVER_CALL_PTR(conn, domain_lookup_by_uuid, conn, uuid);
}

cv_domain *
cv_domain_lookup_by_uuid_string(cv_connect *conn, const char *uuidstr)
{
    unsigned char uuid[CV_UUID_BUFLEN];

    cv_error_reset();
    CV_CHECK_CONN(conn, NULL);
    CV_CHECK_NONNULL(uuidstr, NULL);
    if (cv_uuid_parse(uuidstr, uuid) < 0) {
        cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_CORE,
                     "'%s' is not a UUID (expected "
                     "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)", uuidstr);
        return NULL;
    }
    CV_DRIVER_CALL_PTR(conn, domain_lookup_by_uuid, conn, uuid);
}

cv_domain *
cv_domain_lookup_by_id(cv_connect *conn, int id)
{
    cv_error_reset();
    CV_CHECK_CONN(conn, NULL);
    if (id < 0) {
        cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_CORE,
                     "%s: domain ID %d is negative", G_STRFUNC, id);
        return NULL;
    }
    CV_DRIVER_CALL_PTR(conn, domain_lookup_by_id, conn, id);
}

int
cv_connect_list_all_domains(cv_connect *conn, cv_domain ***domains, unsigned int flags)
{
    g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func((GDestroyNotify)cv_domain_free);

    cv_error_reset();
    if (domains)
        *domains = NULL;
    CV_CHECK_CONN(conn, -1);
    CV_CHECK_FLAGS(flags, LIST_FLAGS, -1);
    if (!conn->driver->connect_list_all_domains)
        return cv_error_unsupported(conn, "connect_list_all_domains");
    if (conn->driver->connect_list_all_domains(conn, out, flags) < 0)
        return -1;
    g_ptr_array_set_free_func(out, NULL);
    return cv_handle_list_return(g_steal_pointer(&out), (void ***)domains,
                                 (GDestroyNotify)cv_domain_free);
}

const char *
cv_domain_get_name(cv_domain *dom)
{
    cv_error_reset();
    CV_CHECK_DOMAIN(dom, NULL);
    return dom->name;
}

int
cv_domain_get_uuid(cv_domain *dom, unsigned char *uuid)
{
    cv_error_reset();
    CV_CHECK_DOMAIN(dom, -1);
    CV_CHECK_NONNULL(uuid, -1);
    memcpy(uuid, dom->uuid, CV_UUID_BUFLEN);
    return 0;
}

int
cv_domain_get_uuid_string(cv_domain *dom, char *buf)
{
    cv_error_reset();
    CV_CHECK_DOMAIN(dom, -1);
    CV_CHECK_NONNULL(buf, -1);
    cv_uuid_format(dom->uuid, buf);
    return 0;
}

int
cv_domain_get_id(cv_domain *dom)
{
    cv_error_reset();
    CV_CHECK_DOMAIN(dom, -1);
    /* -1 without an error means "not running": no safety net here. */
    if (!dom->conn->driver->domain_get_id)
        return cv_error_unsupported(dom->conn, "domain_get_id");
    return dom->conn->driver->domain_get_id(dom);
}

cv_connect *
cv_domain_get_connect(cv_domain *dom)
{
    cv_error_reset();
    CV_CHECK_DOMAIN(dom, NULL);
    return dom->conn;
}

int
cv_domain_get_info(cv_domain *dom, cv_domain_info *info)
{
    cv_domain_info full = CV_DOMAIN_INFO_INIT;
    uint32_t size;

    cv_error_reset();
    CV_CHECK_DOMAIN(dom, -1);
    CV_CHECK_NONNULL(info, -1);
    size = info->size;
    if (size < sizeof(uint32_t))
        return cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_CORE,
                            "%s: info->size is %u; set it with CV_DOMAIN_INFO_INIT",
                            G_STRFUNC, size);
    if (!dom->conn->driver->domain_get_info)
        return cv_error_unsupported(dom->conn, "domain_get_info");
    if (dom->conn->driver->domain_get_info(dom, &full) < 0)
        return -1;
    memcpy(info, &full, MIN(size, sizeof(full)));
    info->size = MIN(size, sizeof(full));
    return 0;
}

int
cv_domain_get_state(cv_domain *dom, int *state, int *reason, unsigned int flags)
{
    int dummy;

    cv_error_reset();
    CV_CHECK_DOMAIN(dom, -1);
    CV_CHECK_NONNULL(state, -1);
    CV_CHECK_FLAGS(flags, 0, -1);
    CV_DRIVER_CALL_INT(dom->conn, domain_get_state, dom, state,
                       reason ? reason : &dummy, flags);
}

int
cv_domain_is_active(cv_domain *dom)
{
    cv_error_reset();
    CV_CHECK_DOMAIN(dom, -1);
    CV_DRIVER_CALL_INT(dom->conn, domain_is_active, dom);
}

int
cv_domain_is_persistent(cv_domain *dom)
{
    cv_error_reset();
    CV_CHECK_DOMAIN(dom, -1);
    CV_DRIVER_CALL_INT(dom->conn, domain_is_persistent, dom);
}

char *
cv_domain_get_xml_desc(cv_domain *dom, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_DOMAIN(dom, NULL);
    CV_CHECK_FLAGS(flags, CV_DOMAIN_XML_INACTIVE, NULL);
    CV_DRIVER_CALL_PTR(dom->conn, domain_get_xml_desc, dom, flags);
}

int
cv_domain_set_vcpus(cv_domain *dom, unsigned int nvcpus, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_DOMAIN(dom, -1);
    CV_CHECK_FLAGS(flags, MODIFY_FLAGS | CV_DOMAIN_SET_MAXIMUM, -1);
    CV_CHECK_WRITABLE(dom->conn, -1);
    if (nvcpus == 0)
        return cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_CORE,
                            "%s: a domain needs at least one vCPU", G_STRFUNC);
    CV_DRIVER_CALL_INT(dom->conn, domain_set_vcpus, dom, nvcpus, flags);
}

int
cv_domain_set_memory(cv_domain *dom, uint64_t memory_kib, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_DOMAIN(dom, -1);
    CV_CHECK_FLAGS(flags, MODIFY_FLAGS | CV_DOMAIN_SET_MAXIMUM, -1);
    CV_CHECK_WRITABLE(dom->conn, -1);
    if (memory_kib == 0)
        return cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_CORE,
                            "%s: memory must be more than 0 KiB", G_STRFUNC);
    CV_DRIVER_CALL_INT(dom->conn, domain_set_memory, dom, memory_kib, flags);
}

int
cv_domain_attach_device(cv_domain *dom, const char *xml, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_DOMAIN(dom, -1);
    CV_CHECK_NONNULL(xml, -1);
    CV_CHECK_FLAGS(flags, MODIFY_FLAGS, -1);
    CV_CHECK_WRITABLE(dom->conn, -1);
    CV_DRIVER_CALL_INT(dom->conn, domain_attach_device, dom, xml, flags);
}

int
cv_domain_detach_device(cv_domain *dom, const char *xml, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_DOMAIN(dom, -1);
    CV_CHECK_NONNULL(xml, -1);
    CV_CHECK_FLAGS(flags, MODIFY_FLAGS, -1);
    CV_CHECK_WRITABLE(dom->conn, -1);
    CV_DRIVER_CALL_INT(dom->conn, domain_detach_device, dom, xml, flags);
}
