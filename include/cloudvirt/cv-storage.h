/*
 * cv-storage.h: storage pools and the volumes in them, described by
 * libvirt-style pool and volume XML. A "dir" pool is a directory of image
 * files; its volumes are real images (raw, qcow2, ...) made through the
 * image library.
 */
#ifndef CLOUDVIRT_CV_STORAGE_H
#define CLOUDVIRT_CV_STORAGE_H

#include <cloudvirt/cv-common.h>
#include <cloudvirt/cv-connect.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cv_pool cv_pool;
typedef struct cv_volume cv_volume;

typedef enum {
    CV_POOL_INACTIVE = 0,
    CV_POOL_BUILDING = 1,
    CV_POOL_RUNNING = 2,
    CV_POOL_DEGRADED = 3,
    CV_POOL_INACCESSIBLE = 4,
} cv_pool_state;

typedef enum {
    CV_LIST_POOLS_ACTIVE = 1 << 0,
    CV_LIST_POOLS_INACTIVE = 1 << 1,
    CV_LIST_POOLS_PERSISTENT = 1 << 2,
    CV_LIST_POOLS_TRANSIENT = 1 << 3,
    CV_LIST_POOLS_AUTOSTART = 1 << 4,
    CV_LIST_POOLS_NO_AUTOSTART = 1 << 5,
} cv_list_pools_flags;

typedef enum {
    CV_VOLUME_FILE = 0,
    CV_VOLUME_BLOCK = 1,
    CV_VOLUME_DIR = 2,
} cv_volume_type;

/* Flags for cv_volume_resize(). */
typedef enum {
    CV_VOLUME_RESIZE_SHRINK = 1 << 0,
} cv_volume_resize_flags;

typedef struct cv_pool_info {
    uint32_t size;          /* sizeof(cv_pool_info), see CV_POOL_INFO_INIT */
    int32_t state;          /* cv_pool_state */
    uint64_t capacity;      /* bytes */
    uint64_t allocation;
    uint64_t available;
} cv_pool_info;

#define CV_POOL_INFO_INIT { sizeof(cv_pool_info), 0, 0, 0, 0 }

typedef struct cv_volume_info {
    uint32_t size;          /* sizeof(cv_volume_info), see CV_VOLUME_INFO_INIT */
    int32_t type;           /* cv_volume_type */
    uint64_t capacity;      /* virtual size, bytes */
    uint64_t allocation;    /* bytes used on the host */
} cv_volume_info;

#define CV_VOLUME_INFO_INIT { sizeof(cv_volume_info), 0, 0, 0 }

/**
 * cv_pool_define_xml:
 * @conn: a connection
 * @xml: pool XML
 * @flags: 0
 *
 * Returns: a handle (free with cv_pool_free()), or NULL on failure.
 *
 * Since: 0.1
 */
CV_API cv_pool *cv_pool_define_xml(cv_connect *conn, const char *xml, unsigned int flags);

/**
 * cv_pool_start:
 * @pool: an inactive pool
 * @flags: 0
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_pool_start(cv_pool *pool, unsigned int flags);

/**
 * cv_pool_destroy:
 * @pool: an active pool
 * @flags: 0
 *
 * Stops using the pool; its volumes stay on disk.
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_pool_destroy(cv_pool *pool, unsigned int flags);

/**
 * cv_pool_undefine:
 * @pool: an inactive persistent pool
 * @flags: 0
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_pool_undefine(cv_pool *pool, unsigned int flags);

/**
 * cv_pool_refresh:
 * @pool: an active pool
 * @flags: 0
 *
 * Rescans the pool's storage for volumes created or removed behind its back.
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_pool_refresh(cv_pool *pool, unsigned int flags);

/**
 * cv_pool_lookup_by_name:
 * @conn: a connection
 * @name: the pool's name
 *
 * Returns: a handle, or NULL with CV_ERR_NO_POOL.
 *
 * Since: 0.1
 */
CV_API cv_pool *cv_pool_lookup_by_name(cv_connect *conn, const char *name);

/**
 * cv_connect_list_all_pools:
 * @conn: a connection
 * @pools: (out) (optional): free each with cv_pool_free(), the array with cv_free()
 * @flags: cv_list_pools_flags, 0 for all
 *
 * Returns: the number of pools, or -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_connect_list_all_pools(cv_connect *conn, cv_pool ***pools, unsigned int flags);

/**
 * cv_pool_get_name:
 * @pool: a pool
 *
 * Returns: the name; borrowed, valid as long as @pool is.
 *
 * Since: 0.1
 */
CV_API const char *cv_pool_get_name(cv_pool *pool);

/**
 * cv_pool_get_uuid_string:
 * @pool: a pool
 * @buf: (out): CV_UUID_STRING_BUFLEN bytes
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_pool_get_uuid_string(cv_pool *pool, char *buf);

/**
 * cv_pool_get_info:
 * @pool: a pool
 * @info: (inout): a cv_pool_info with its size set
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_pool_get_info(cv_pool *pool, cv_pool_info *info);

/**
 * cv_pool_get_xml_desc:
 * @pool: a pool
 * @flags: 0
 *
 * Returns: pool XML; free with cv_free().
 *
 * Since: 0.1
 */
CV_API char *cv_pool_get_xml_desc(cv_pool *pool, unsigned int flags);

/**
 * cv_pool_is_active:
 * @pool: a pool
 *
 * Returns: 1 if active, 0 if not, -1 on error.
 *
 * Since: 0.1
 */
CV_API int cv_pool_is_active(cv_pool *pool);

/**
 * cv_pool_set_autostart:
 * @pool: a persistent pool
 * @autostart: 1 or 0
 * @flags: 0
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_pool_set_autostart(cv_pool *pool, int autostart, unsigned int flags);

/**
 * cv_pool_ref:
 * @pool: a pool
 *
 * Returns: 0, or -1 if @pool is NULL.
 *
 * Since: 0.1
 */
CV_API int cv_pool_ref(cv_pool *pool);

/**
 * cv_pool_free:
 * @pool: a pool, or NULL (a no-op)
 *
 * Since: 0.1
 */
CV_API void cv_pool_free(cv_pool *pool);

/**
 * cv_volume_create_xml:
 * @pool: an active pool
 * @xml: volume XML (name, capacity, optional allocation and target format)
 * @flags: 0
 *
 * Creates the volume's storage (an image file for dir pools).
 *
 * Returns: a handle (free with cv_volume_free()), or NULL on failure.
 *
 * Since: 0.1
 */
CV_API cv_volume *cv_volume_create_xml(cv_pool *pool, const char *xml, unsigned int flags);

/**
 * cv_volume_lookup_by_name:
 * @pool: a pool
 * @name: the volume's name
 *
 * Returns: a handle, or NULL with CV_ERR_NO_VOLUME.
 *
 * Since: 0.1
 */
CV_API cv_volume *cv_volume_lookup_by_name(cv_pool *pool, const char *name);

/**
 * cv_volume_lookup_by_path:
 * @conn: a connection
 * @path: the volume's path on the host
 *
 * Returns: a handle, or NULL with CV_ERR_NO_VOLUME.
 *
 * Since: 0.1
 */
CV_API cv_volume *cv_volume_lookup_by_path(cv_connect *conn, const char *path);

/**
 * cv_pool_list_all_volumes:
 * @pool: an active pool
 * @volumes: (out) (optional): free each with cv_volume_free(), the array with cv_free()
 * @flags: 0
 *
 * Returns: the number of volumes, or -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_pool_list_all_volumes(cv_pool *pool, cv_volume ***volumes, unsigned int flags);

/**
 * cv_volume_get_name:
 * @vol: a volume
 *
 * Returns: the name; borrowed, valid as long as @vol is.
 *
 * Since: 0.1
 */
CV_API const char *cv_volume_get_name(cv_volume *vol);

/**
 * cv_volume_get_path:
 * @vol: a volume
 *
 * Returns: its path on the host; free with cv_free().
 *
 * Since: 0.1
 */
CV_API char *cv_volume_get_path(cv_volume *vol);

/**
 * cv_volume_get_info:
 * @vol: a volume
 * @info: (inout): a cv_volume_info with its size set
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_volume_get_info(cv_volume *vol, cv_volume_info *info);

/**
 * cv_volume_get_xml_desc:
 * @vol: a volume
 * @flags: 0
 *
 * Returns: volume XML; free with cv_free().
 *
 * Since: 0.1
 */
CV_API char *cv_volume_get_xml_desc(cv_volume *vol, unsigned int flags);

/**
 * cv_volume_delete:
 * @vol: a volume
 * @flags: 0
 *
 * Removes the volume and its storage. Refused (CV_ERR_BUSY) while a running
 * domain uses it.
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_volume_delete(cv_volume *vol, unsigned int flags);

/**
 * cv_volume_resize:
 * @vol: a volume
 * @capacity: new virtual size in bytes
 * @flags: 0, or CV_VOLUME_RESIZE_SHRINK to allow making it smaller
 *
 * Changes the size the guest sees. Growing never touches existing data.
 * Shrinking fails unless asked for, and fails while a running domain uses @vol.
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_volume_resize(cv_volume *vol, uint64_t capacity, unsigned int flags);

/**
 * cv_volume_ref:
 * @vol: a volume
 *
 * Returns: 0, or -1 if @vol is NULL.
 *
 * Since: 0.1
 */
CV_API int cv_volume_ref(cv_volume *vol);

/**
 * cv_volume_free:
 * @vol: a volume, or NULL (a no-op)
 *
 * Since: 0.1
 */
CV_API void cv_volume_free(cv_volume *vol);

#ifdef __cplusplus
}
#endif

#endif /* CLOUDVIRT_CV_STORAGE_H */
