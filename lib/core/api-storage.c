/*
 * Public storage pool and volume entry points.
 */
#include <config.h>

#include <string.h>

#include "core/check.h"
#include "core/object.h"

#define LIST_POOL_FLAGS 0x3fu

cv_pool *
cv_pool_define_xml(cv_connect *conn, const char *xml, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_CONN(conn, NULL);
    CV_CHECK_NONNULL(xml, NULL);
    CV_CHECK_FLAGS(flags, 0, NULL);
    CV_CHECK_WRITABLE(conn, NULL);
    CV_DRIVER_CALL_PTR(conn, pool_define_xml, conn, xml, flags);
}

#define POOL_ACTION(fn, entry, writes) \
    int fn(cv_pool *pool, unsigned int flags) \
    { \
        cv_error_reset(); \
        CV_CHECK_POOL(pool, -1); \
        CV_CHECK_FLAGS(flags, 0, -1); \
        if (writes) \
            CV_CHECK_WRITABLE(pool->conn, -1); \
        CV_DRIVER_CALL_INT(pool->conn, entry, pool, flags); \
    }

POOL_ACTION(cv_pool_start, pool_start, TRUE)
POOL_ACTION(cv_pool_destroy, pool_destroy, TRUE)
POOL_ACTION(cv_pool_undefine, pool_undefine, TRUE)
/* A refresh only rereads what is on disk: allowed read-only, as in libvirt. */
POOL_ACTION(cv_pool_refresh, pool_refresh, FALSE)

cv_pool *
cv_pool_lookup_by_name(cv_connect *conn, const char *name)
{
    cv_error_reset();
    CV_CHECK_CONN(conn, NULL);
    CV_CHECK_NONNULL(name, NULL);
    CV_DRIVER_CALL_PTR(conn, pool_lookup_by_name, conn, name);
}

int
cv_connect_list_all_pools(cv_connect *conn, cv_pool ***pools, unsigned int flags)
{
    g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func((GDestroyNotify)cv_pool_free);

    cv_error_reset();
    if (pools)
        *pools = NULL;
    CV_CHECK_CONN(conn, -1);
    CV_CHECK_FLAGS(flags, LIST_POOL_FLAGS, -1);
    if (!conn->driver->connect_list_all_pools)
        return cv_error_unsupported(conn, "connect_list_all_pools");
    if (conn->driver->connect_list_all_pools(conn, out, flags) < 0)
        return -1;
    g_ptr_array_set_free_func(out, NULL);
    return cv_handle_list_return(g_steal_pointer(&out), (void ***)pools,
                                 (GDestroyNotify)cv_pool_free);
}

const char *
cv_pool_get_name(cv_pool *pool)
{
    cv_error_reset();
    CV_CHECK_POOL(pool, NULL);
    return pool->name;
}

int
cv_pool_get_uuid_string(cv_pool *pool, char *buf)
{
    cv_error_reset();
    CV_CHECK_POOL(pool, -1);
    CV_CHECK_NONNULL(buf, -1);
    cv_uuid_format(pool->uuid, buf);
    return 0;
}

int
cv_pool_get_info(cv_pool *pool, cv_pool_info *info)
{
    cv_pool_info full = CV_POOL_INFO_INIT;
    uint32_t size;

    cv_error_reset();
    CV_CHECK_POOL(pool, -1);
    CV_CHECK_NONNULL(info, -1);
    size = info->size;
    if (size < sizeof(uint32_t))
        return cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_CORE,
                            "%s: info->size is %u; set it with CV_POOL_INFO_INIT",
                            G_STRFUNC, size);
    if (!pool->conn->driver->pool_get_info)
        return cv_error_unsupported(pool->conn, "pool_get_info");
    if (pool->conn->driver->pool_get_info(pool, &full) < 0)
        return -1;
    memcpy(info, &full, MIN(size, sizeof(full)));
    info->size = MIN(size, sizeof(full));
    return 0;
}

char *
cv_pool_get_xml_desc(cv_pool *pool, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_POOL(pool, NULL);
    CV_CHECK_FLAGS(flags, 0, NULL);
    CV_DRIVER_CALL_PTR(pool->conn, pool_get_xml_desc, pool, flags);
}

int
cv_pool_is_active(cv_pool *pool)
{
    cv_error_reset();
    CV_CHECK_POOL(pool, -1);
    CV_DRIVER_CALL_INT(pool->conn, pool_is_active, pool);
}

int
cv_pool_set_autostart(cv_pool *pool, int autostart, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_POOL(pool, -1);
    CV_CHECK_FLAGS(flags, 0, -1);
    CV_CHECK_WRITABLE(pool->conn, -1);
    CV_DRIVER_CALL_INT(pool->conn, pool_set_autostart, pool, autostart ? 1 : 0, flags);
}

cv_volume *
cv_volume_create_xml(cv_pool *pool, const char *xml, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_POOL(pool, NULL);
    CV_CHECK_NONNULL(xml, NULL);
    CV_CHECK_FLAGS(flags, 0, NULL);
    CV_CHECK_WRITABLE(pool->conn, NULL);
    CV_DRIVER_CALL_PTR(pool->conn, volume_create_xml, pool, xml, flags);
}

cv_volume *
cv_volume_lookup_by_name(cv_pool *pool, const char *name)
{
    cv_error_reset();
    CV_CHECK_POOL(pool, NULL);
    CV_CHECK_NONNULL(name, NULL);
    CV_DRIVER_CALL_PTR(pool->conn, volume_lookup_by_name, pool, name);
}

cv_volume *
cv_volume_lookup_by_path(cv_connect *conn, const char *path)
{
    cv_error_reset();
    CV_CHECK_CONN(conn, NULL);
    CV_CHECK_NONNULL(path, NULL);
    CV_DRIVER_CALL_PTR(conn, volume_lookup_by_path, conn, path);
}

int
cv_pool_list_all_volumes(cv_pool *pool, cv_volume ***volumes, unsigned int flags)
{
    g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func((GDestroyNotify)cv_volume_free);

    cv_error_reset();
    if (volumes)
        *volumes = NULL;
    CV_CHECK_POOL(pool, -1);
    CV_CHECK_FLAGS(flags, 0, -1);
    if (!pool->conn->driver->pool_list_all_volumes)
        return cv_error_unsupported(pool->conn, "pool_list_all_volumes");
    if (pool->conn->driver->pool_list_all_volumes(pool, out, flags) < 0)
        return -1;
    g_ptr_array_set_free_func(out, NULL);
    return cv_handle_list_return(g_steal_pointer(&out), (void ***)volumes,
                                 (GDestroyNotify)cv_volume_free);
}

const char *
cv_volume_get_name(cv_volume *vol)
{
    cv_error_reset();
    CV_CHECK_VOLUME(vol, NULL);
    return vol->name;
}

char *
cv_volume_get_path(cv_volume *vol)
{
    cv_error_reset();
    CV_CHECK_VOLUME(vol, NULL);
    CV_DRIVER_CALL_PTR(vol->conn, volume_get_path, vol);
}

int
cv_volume_get_info(cv_volume *vol, cv_volume_info *info)
{
    cv_volume_info full = CV_VOLUME_INFO_INIT;
    uint32_t size;

    cv_error_reset();
    CV_CHECK_VOLUME(vol, -1);
    CV_CHECK_NONNULL(info, -1);
    size = info->size;
    if (size < sizeof(uint32_t))
        return cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_CORE,
                            "%s: info->size is %u; set it with CV_VOLUME_INFO_INIT",
                            G_STRFUNC, size);
    if (!vol->conn->driver->volume_get_info)
        return cv_error_unsupported(vol->conn, "volume_get_info");
    if (vol->conn->driver->volume_get_info(vol, &full) < 0)
        return -1;
    memcpy(info, &full, MIN(size, sizeof(full)));
    info->size = MIN(size, sizeof(full));
    return 0;
}

char *
cv_volume_get_xml_desc(cv_volume *vol, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_VOLUME(vol, NULL);
    CV_CHECK_FLAGS(flags, 0, NULL);
    CV_DRIVER_CALL_PTR(vol->conn, volume_get_xml_desc, vol, flags);
}

int
cv_volume_delete(cv_volume *vol, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_VOLUME(vol, -1);
    CV_CHECK_FLAGS(flags, 0, -1);
    CV_CHECK_WRITABLE(vol->conn, -1);
    CV_DRIVER_CALL_INT(vol->conn, volume_delete, vol, flags);
}

int
cv_volume_resize(cv_volume *vol, uint64_t capacity, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_VOLUME(vol, -1);
    CV_CHECK_FLAGS(flags, CV_VOLUME_RESIZE_SHRINK, -1);
    CV_CHECK_WRITABLE(vol->conn, -1);
    CV_DRIVER_CALL_INT(vol->conn, volume_resize, vol, capacity, flags);
}
