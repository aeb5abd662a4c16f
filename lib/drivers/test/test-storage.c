/*
 * Directory pools and their volumes: real files under the pool's target
 * directory, so domains can reference them and tools can open them.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "drivers/test/test-priv.h"

#define POOL_ERR(code, ...) cv_error_set((code), CV_FROM_TEST, __VA_ARGS__)

static void
vol_free(test_vol *v)
{
    cv_volume_def_free(v->def);
    g_free(v->path);
    g_free(v);
}

void
test_pool_free(test_pool *p)
{
    if (!p)
        return;
    cv_pool_def_free(p->def);
    g_hash_table_unref(p->volumes);
    g_free(p);
}

/* Reads the volumes present in the directory: raw files, as far as the
 * test driver can tell without the image library. */
int
test_pool_scan(test_pool *pool)
{
    g_autoptr(GError) gerr = NULL;
    g_autoptr(GDir) dir = g_dir_open(pool->def->target_path, 0, &gerr);
    const char *name;

    if (!dir)
        return cv_error_set_gerror(CV_ERR_IO, CV_FROM_TEST, gerr,
                                   "cannot read pool '%s' directory", pool->def->name);
    g_hash_table_remove_all(pool->volumes);
    while ((name = g_dir_read_name(dir))) {
        g_autofree char *path = g_build_filename(pool->def->target_path, name, NULL);
        GStatBuf st;
        test_vol *v;

        if (g_stat(path, &st) < 0 || !S_ISREG(st.st_mode))
            continue;
        v = g_new0(test_vol, 1);
        v->def = g_new0(cv_volume_def, 1);
        v->def->name = g_strdup(name);
        v->def->capacity = (guint64)st.st_size;
        v->def->format = g_strdup("raw");
        v->path = g_steal_pointer(&path);
        g_hash_table_insert(pool->volumes, g_strdup(name), v);
    }
    return 0;
}

int
test_pool_add(test_host *host, cv_pool_def *def, bool persistent, test_pool **out)
{
    test_pool *p;

    if (g_hash_table_contains(host->pools, def->name)) {
        POOL_ERR(CV_ERR_DUPLICATE, "pool '%s' already exists", def->name);
        cv_pool_def_free(def);
        return -1;
    }
    p = g_new0(test_pool, 1);
    p->def = def;
    p->persistent = persistent;
    p->volumes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify)vol_free);
    g_hash_table_insert(host->pools, g_strdup(def->name), p);
    *out = p;
    return 0;
}

static test_pool *
pool_find(test_host *host, const char *name)
{
    test_pool *p = g_hash_table_lookup(host->pools, name);

    if (!p)
        POOL_ERR(CV_ERR_NO_POOL, "no pool named '%s' (cvsh pool-list --all shows "
                 "the defined ones)", name);
    return p;
}

static test_pool *
pool_find_active(test_host *host, const char *name)
{
    test_pool *p = pool_find(host, name);

    if (p && !p->active) {
        POOL_ERR(CV_ERR_OPERATION_INVALID, "pool '%s' is not active", name);
        return NULL;
    }
    return p;
}

cv_pool *
test_pool_define_xml(cv_connect *conn, const char *xml, unsigned int flags)
{
    test_host *host = test_host_of(conn);
    cv_pool_def *def = cv_pool_def_parse(xml);
    cv_pool *ret = NULL;
    test_pool *p;

    if (!def)
        return NULL;
    g_rw_lock_writer_lock(&host->lock);
    if (test_pool_add(host, def, true, &p) == 0 && test_host_save(host) == 0)
        ret = cv_pool_new(conn, p->def->name, p->def->uuid);
    g_rw_lock_writer_unlock(&host->lock);
    return ret;
}

typedef int (*pool_op)(test_host *host, test_pool *p, int arg);

static int
with_pool(cv_pool *pool, pool_op fn, int arg)
{
    test_host *host = test_host_of(pool->conn);
    test_pool *p;
    int ret = -1;

    g_rw_lock_writer_lock(&host->lock);
    if ((p = pool_find(host, pool->name)) && (ret = fn(host, p, arg)) == 0)
        ret = test_host_save(host);
    g_rw_lock_writer_unlock(&host->lock);
    return ret;
}

static int
op_start(test_host *host, test_pool *p, int arg)
{
    if (p->active)
        return POOL_ERR(CV_ERR_OPERATION_INVALID, "pool '%s' is already active",
                        p->def->name);
    if (!g_file_test(p->def->target_path, G_FILE_TEST_IS_DIR))
        return POOL_ERR(CV_ERR_IO, "pool '%s': directory '%s' does not exist",
                        p->def->name, p->def->target_path);
    if (test_pool_scan(p) < 0)
        return -1;
    p->active = true;
    return 0;
}

int
test_pool_start(cv_pool *pool, unsigned int flags)
{
    return with_pool(pool, op_start, 0);
}

static int
op_destroy(test_host *host, test_pool *p, int arg)
{
    if (!p->active)
        return POOL_ERR(CV_ERR_OPERATION_INVALID, "pool '%s' is not active", p->def->name);
    p->active = false;
    g_hash_table_remove_all(p->volumes);
    return 0;
}

int
test_pool_destroy(cv_pool *pool, unsigned int flags)
{
    return with_pool(pool, op_destroy, 0);
}

static int
op_undefine(test_host *host, test_pool *p, int arg)
{
    if (p->active)
        return POOL_ERR(CV_ERR_OPERATION_INVALID,
                        "pool '%s' is active; destroy it before undefining it", p->def->name);
    g_hash_table_remove(host->pools, p->def->name);
    return 0;
}

int
test_pool_undefine(cv_pool *pool, unsigned int flags)
{
    return with_pool(pool, op_undefine, 0);
}

static int
op_refresh(test_host *host, test_pool *p, int arg)
{
    if (!p->active)
        return POOL_ERR(CV_ERR_OPERATION_INVALID, "pool '%s' is not active", p->def->name);
    return test_pool_scan(p);
}

int
test_pool_refresh(cv_pool *pool, unsigned int flags)
{
    return with_pool(pool, op_refresh, 0);
}

static int
op_set_autostart(test_host *host, test_pool *p, int autostart)
{
    p->autostart = autostart;
    return 0;
}

int
test_pool_set_autostart(cv_pool *pool, int autostart, unsigned int flags)
{
    return with_pool(pool, op_set_autostart, autostart);
}

cv_pool *
test_pool_lookup_by_name(cv_connect *conn, const char *name)
{
    test_host *host = test_host_of(conn);
    cv_pool *ret = NULL;
    test_pool *p;

    g_rw_lock_reader_lock(&host->lock);
    if ((p = pool_find(host, name)))
        ret = cv_pool_new(conn, p->def->name, p->def->uuid);
    g_rw_lock_reader_unlock(&host->lock);
    return ret;
}

int
test_list_all_pools(cv_connect *conn, GPtrArray *out, unsigned int f)
{
    test_host *host = test_host_of(conn);
    GHashTableIter it;
    gpointer v;

    g_rw_lock_reader_lock(&host->lock);
    g_hash_table_iter_init(&it, host->pools);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        test_pool *p = v;
        if ((f & (CV_LIST_POOLS_ACTIVE | CV_LIST_POOLS_INACTIVE)) &&
            !((f & CV_LIST_POOLS_ACTIVE && p->active) ||
              (f & CV_LIST_POOLS_INACTIVE && !p->active)))
            continue;
        if ((f & (CV_LIST_POOLS_PERSISTENT | CV_LIST_POOLS_TRANSIENT)) &&
            !((f & CV_LIST_POOLS_PERSISTENT && p->persistent) ||
              (f & CV_LIST_POOLS_TRANSIENT && !p->persistent)))
            continue;
        if ((f & (CV_LIST_POOLS_AUTOSTART | CV_LIST_POOLS_NO_AUTOSTART)) &&
            !((f & CV_LIST_POOLS_AUTOSTART && p->autostart) ||
              (f & CV_LIST_POOLS_NO_AUTOSTART && !p->autostart)))
            continue;
        g_ptr_array_add(out, cv_pool_new(conn, p->def->name, p->def->uuid));
    }
    g_rw_lock_reader_unlock(&host->lock);
    return 0;
}

static guint64
allocated_bytes(const char *path)
{
    GStatBuf st;

    return g_stat(path, &st) == 0 ? (guint64)st.st_blocks * 512 : 0;
}

static void
pool_usage(test_pool *p, guint64 *cap, guint64 *alloc, guint64 *avail)
{
    struct statvfs sv;
    GHashTableIter it;
    gpointer v;

    *cap = *alloc = *avail = 0;
    if (statvfs(p->def->target_path, &sv) == 0) {
        *cap = (guint64)sv.f_blocks * sv.f_frsize;
        *avail = (guint64)sv.f_bavail * sv.f_frsize;
    }
    g_hash_table_iter_init(&it, p->volumes);
    while (g_hash_table_iter_next(&it, NULL, &v))
        *alloc += allocated_bytes(((test_vol *)v)->path);
}

int
test_pool_get_info(cv_pool *pool, cv_pool_info *info)
{
    test_host *host = test_host_of(pool->conn);
    test_pool *p;
    int ret = -1;

    g_rw_lock_reader_lock(&host->lock);
    if ((p = pool_find(host, pool->name))) {
        info->state = p->active ? CV_POOL_RUNNING : CV_POOL_INACTIVE;
        if (p->active)
            pool_usage(p, &info->capacity, &info->allocation, &info->available);
        ret = 0;
    }
    g_rw_lock_reader_unlock(&host->lock);
    return ret;
}

char *
test_pool_get_xml_desc(cv_pool *pool, unsigned int flags)
{
    test_host *host = test_host_of(pool->conn);
    guint64 cap = 0, alloc = 0, avail = 0;
    char *ret = NULL;
    test_pool *p;

    g_rw_lock_reader_lock(&host->lock);
    if ((p = pool_find(host, pool->name))) {
        if (p->active)
            pool_usage(p, &cap, &alloc, &avail);
        ret = cv_pool_def_format(p->def, cap, alloc, avail);
    }
    g_rw_lock_reader_unlock(&host->lock);
    return ret;
}

int
test_pool_is_active(cv_pool *pool)
{
    test_host *host = test_host_of(pool->conn);
    test_pool *p;
    int ret = -1;

    g_rw_lock_reader_lock(&host->lock);
    if ((p = pool_find(host, pool->name)))
        ret = p->active;
    g_rw_lock_reader_unlock(&host->lock);
    return ret;
}

/* ---- volumes ---- */

/* Creates a raw image of @capacity bytes, sparse beyond @allocation, via a
 * temporary name renamed into place so a failure leaves nothing behind. */
static int
raw_create(const char *path, guint64 capacity, guint64 allocation)
{
    g_autofree char *tmp = g_strdup_printf("%s.cvtmp-XXXXXX", path);
    int fd = g_mkstemp_full(tmp, O_RDWR | O_CLOEXEC, 0600);
    int err;

    if (fd < 0)
        return cv_error_set_errno(CV_ERR_IO, CV_FROM_TEST, errno,
                                  "cannot create volume '%s'", path);
    if (ftruncate(fd, (off_t)capacity) < 0 ||
        (allocation && (err = posix_fallocate(fd, 0, (off_t)allocation)) != 0 &&
         (errno = err)) ||
        fsync(fd) < 0) {
        err = errno;
        close(fd);
        g_unlink(tmp);
        return cv_error_set_errno(CV_ERR_IO, CV_FROM_TEST, err,
                                  "cannot size volume '%s'", path);
    }
    close(fd);
    if (g_rename(tmp, path) < 0) {
        err = errno;
        g_unlink(tmp);
        return cv_error_set_errno(CV_ERR_IO, CV_FROM_TEST, err,
                                  "cannot create volume '%s'", path);
    }
    return 0;
}

cv_volume *
test_volume_create_xml(cv_pool *pool, const char *xml, unsigned int flags)
{
    test_host *host = test_host_of(pool->conn);
    g_autoptr(cv_volume_def) def = cv_volume_def_parse(xml);
    g_autofree char *path = NULL;
    cv_volume *ret = NULL;
    test_pool *p;
    test_vol *v;

    if (!def)
        return NULL;
    if (!g_str_equal(def->format, "raw") || def->backing_path) {
        POOL_ERR(CV_ERR_UNSUPPORTED,
                 "volume '%s': the test driver creates raw volumes only until "
                 "the image library is built in", def->name);
        return NULL;
    }
    g_rw_lock_writer_lock(&host->lock);
    if (!(p = pool_find_active(host, pool->name)))
        goto out;
    path = g_build_filename(p->def->target_path, def->name, NULL);
    if (g_hash_table_contains(p->volumes, def->name) || g_file_test(path, G_FILE_TEST_EXISTS)) {
        POOL_ERR(CV_ERR_DUPLICATE, "volume '%s' already exists in pool '%s'",
                 def->name, p->def->name);
        goto out;
    }
    if (raw_create(path, def->capacity, def->allocation) < 0)
        goto out;
    v = g_new0(test_vol, 1);
    v->path = g_strdup(path);
    v->def = g_steal_pointer(&def);
    g_hash_table_insert(p->volumes, g_strdup(v->def->name), v);
    ret = cv_volume_new(pool->conn, p->def->name, v->def->name, v->path);
 out:
    g_rw_lock_writer_unlock(&host->lock);
    return ret;
}

static test_vol *
vol_find(test_host *host, const char *pool, const char *name)
{
    test_pool *p = pool_find_active(host, pool);
    test_vol *v;

    if (!p)
        return NULL;
    if (!(v = g_hash_table_lookup(p->volumes, name)))
        POOL_ERR(CV_ERR_NO_VOLUME, "no volume named '%s' in pool '%s'", name, pool);
    return v;
}

cv_volume *
test_volume_lookup_by_name(cv_pool *pool, const char *name)
{
    test_host *host = test_host_of(pool->conn);
    cv_volume *ret = NULL;
    test_vol *v;

    g_rw_lock_reader_lock(&host->lock);
    if ((v = vol_find(host, pool->name, name)))
        ret = cv_volume_new(pool->conn, pool->name, name, v->path);
    g_rw_lock_reader_unlock(&host->lock);
    return ret;
}

cv_volume *
test_volume_lookup_by_path(cv_connect *conn, const char *path)
{
    test_host *host = test_host_of(conn);
    cv_volume *ret = NULL;
    GHashTableIter it;
    gpointer pv;

    g_rw_lock_reader_lock(&host->lock);
    g_hash_table_iter_init(&it, host->pools);
    while (!ret && g_hash_table_iter_next(&it, NULL, &pv)) {
        GHashTableIter vi;
        gpointer vv;
        g_hash_table_iter_init(&vi, ((test_pool *)pv)->volumes);
        while (!ret && g_hash_table_iter_next(&vi, NULL, &vv))
            if (g_str_equal(((test_vol *)vv)->path, path))
                ret = cv_volume_new(conn, ((test_pool *)pv)->def->name,
                                    ((test_vol *)vv)->def->name, path);
    }
    g_rw_lock_reader_unlock(&host->lock);
    if (!ret)
        POOL_ERR(CV_ERR_NO_VOLUME, "no volume with path '%s' in any active pool", path);
    return ret;
}

int
test_list_all_volumes(cv_pool *pool, GPtrArray *out, unsigned int flags)
{
    test_host *host = test_host_of(pool->conn);
    test_pool *p;
    int ret = -1;

    g_rw_lock_reader_lock(&host->lock);
    if ((p = pool_find_active(host, pool->name))) {
        GHashTableIter it;
        gpointer v;
        g_hash_table_iter_init(&it, p->volumes);
        while (g_hash_table_iter_next(&it, NULL, &v))
            g_ptr_array_add(out, cv_volume_new(pool->conn, pool->name,
                                               ((test_vol *)v)->def->name,
                                               ((test_vol *)v)->path));
        ret = 0;
    }
    g_rw_lock_reader_unlock(&host->lock);
    return ret;
}

char *
test_volume_get_path(cv_volume *vol)
{
    test_host *host = test_host_of(vol->conn);
    char *ret = NULL;
    test_vol *v;

    g_rw_lock_reader_lock(&host->lock);
    if ((v = vol_find(host, vol->pool, vol->name)))
        ret = g_strdup(v->path);
    g_rw_lock_reader_unlock(&host->lock);
    return ret;
}

int
test_volume_get_info(cv_volume *vol, cv_volume_info *info)
{
    test_host *host = test_host_of(vol->conn);
    int ret = -1;
    test_vol *v;

    g_rw_lock_reader_lock(&host->lock);
    if ((v = vol_find(host, vol->pool, vol->name))) {
        info->type = CV_VOLUME_FILE;
        info->capacity = v->def->capacity;
        info->allocation = allocated_bytes(v->path);
        ret = 0;
    }
    g_rw_lock_reader_unlock(&host->lock);
    return ret;
}

char *
test_volume_get_xml_desc(cv_volume *vol, unsigned int flags)
{
    test_host *host = test_host_of(vol->conn);
    char *ret = NULL;
    test_vol *v;

    g_rw_lock_reader_lock(&host->lock);
    if ((v = vol_find(host, vol->pool, vol->name)))
        ret = cv_volume_def_format(v->def, v->path, allocated_bytes(v->path));
    g_rw_lock_reader_unlock(&host->lock);
    return ret;
}

/* TRUE when a running domain has @path as a disk. */
static bool
volume_in_use(test_host *host, const char *path, char **user)
{
    GHashTableIter it;
    gpointer v;

    g_hash_table_iter_init(&it, host->doms_by_name);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        test_dom *d = v;
        if (!d->live)
            continue;
        for (guint i = 0; i < d->live->disks->len; i++) {
            cv_disk_def *disk = g_ptr_array_index(d->live->disks, i);
            if (g_strcmp0(disk->source, path) == 0) {
                *user = g_strdup(d->live->name);
                return true;
            }
        }
    }
    return false;
}

int
test_volume_delete(cv_volume *vol, unsigned int flags)
{
    test_host *host = test_host_of(vol->conn);
    g_autofree char *user = NULL;
    test_pool *p;
    test_vol *v;
    int ret = -1;

    g_rw_lock_writer_lock(&host->lock);
    if (!(v = vol_find(host, vol->pool, vol->name)))
        goto out;
    if (volume_in_use(host, v->path, &user)) {
        POOL_ERR(CV_ERR_BUSY, "volume '%s' is in use by running domain '%s'",
                 vol->name, user);
        goto out;
    }
    if (g_unlink(v->path) < 0 && errno != ENOENT) {
        cv_error_set_errno(CV_ERR_IO, CV_FROM_TEST, errno, "cannot delete volume '%s'",
                           v->path);
        goto out;
    }
    p = g_hash_table_lookup(host->pools, vol->pool);
    g_hash_table_remove(p->volumes, vol->name);
    ret = 0;
 out:
    g_rw_lock_writer_unlock(&host->lock);
    return ret;
}

int
test_volume_resize(cv_volume *vol, uint64_t capacity, unsigned int flags)
{
    test_host *host = test_host_of(vol->conn);
    g_autofree char *user = NULL;
    test_vol *v;
    int ret = -1;

    g_rw_lock_writer_lock(&host->lock);
    if (!(v = vol_find(host, vol->pool, vol->name)))
        goto out;
    if (capacity > CV_VOLUME_MAX_CAPACITY) {
        POOL_ERR(CV_ERR_RESOURCE_LIMIT, "volume '%s': %" G_GUINT64_FORMAT
                 " bytes is more than the %llu allowed", vol->name, capacity,
                 (unsigned long long)CV_VOLUME_MAX_CAPACITY);
        goto out;
    }
    if (capacity < v->def->capacity) {
        if (!(flags & CV_VOLUME_RESIZE_SHRINK)) {
            POOL_ERR(CV_ERR_OPERATION_INVALID,
                     "volume '%s' would shrink from %" G_GUINT64_FORMAT " to %"
                     G_GUINT64_FORMAT " bytes, losing data; pass "
                     "CV_VOLUME_RESIZE_SHRINK to allow it", vol->name,
                     v->def->capacity, capacity);
            goto out;
        }
        if (volume_in_use(host, v->path, &user)) {
            POOL_ERR(CV_ERR_BUSY, "cannot shrink volume '%s' while running domain "
                     "'%s' uses it", vol->name, user);
            goto out;
        }
    }
    if (truncate(v->path, (off_t)capacity) < 0) {
        cv_error_set_errno(CV_ERR_IO, CV_FROM_TEST, errno, "cannot resize volume '%s'",
                           v->path);
        goto out;
    }
    v->def->capacity = capacity;
    ret = 0;
 out:
    g_rw_lock_writer_unlock(&host->lock);
    return ret;
}
