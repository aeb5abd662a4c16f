/*
 * Operations written once over the format table: create, convert, compare,
 * map. None of this knows any format's layout.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "storage/format.h"
#include "storage/image-priv.h"

#define IMG_ERR(code, ...) cv_error_set((code), CV_FROM_IMAGE, __VA_ARGS__)

/* Bytes moved per step: large enough to amortise calls, small enough that
 * a conversion's memory does not grow with the image. */
#define CHUNK (2u << 20)

static GHashTable *
parse_options(const cv_format *fmt, const char *const *options)
{
    GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);

    for (const char *const *o = options; o && *o; o++) {
        const char *eq = strchr(*o, '=');
        g_autofree char *key = eq ? g_strndup(*o, eq - *o) : g_strdup(*o);

        if (!eq) {
            IMG_ERR(CV_ERR_INVALID_ARG, "option '%s' is not key=value", *o);
            g_hash_table_unref(h);
            return NULL;
        }
        if (!fmt->create_opts || !g_strv_contains(fmt->create_opts, key)) {
            g_autofree char *known = fmt->create_opts ?
                g_strjoinv(", ", (char **)fmt->create_opts) : g_strdup("none");
            IMG_ERR(CV_ERR_INVALID_ARG, "format %s has no option '%s' (known: %s)",
                    fmt->name, key, known);
            g_hash_table_unref(h);
            return NULL;
        }
        g_hash_table_insert(h, g_steal_pointer(&key), g_strdup(eq + 1));
    }
    return h;
}

static const cv_format *
format_for_create(const char *format)
{
    const cv_format *fmt;

    if (!format) {
        IMG_ERR(CV_ERR_INVALID_ARG, "an output format is needed (raw, qcow2)");
        return NULL;
    }
    fmt = cv_format_find(g_str_equal(format, "vpc") ? "vhd" : format);
    if (!fmt || !fmt->create) {
        IMG_ERR(CV_ERR_IMAGE_FORMAT, "cannot create images of format '%s' (can: raw, qcow2)",
                format);
        return NULL;
    }
    return fmt;
}

/* Creates the image at a temporary name beside @path; returns that name. */
static char *
create_temp(const char *path, const cv_format *fmt, uint64_t size, GHashTable *opts)
{
    g_autofree char *tmpl = g_strdup_printf("%s.cvtmp-XXXXXX", path);
    int fd = g_mkstemp_full(tmpl, O_RDWR | O_CLOEXEC, 0644);

    if (fd < 0) {
        cv_error_set_errno(CV_ERR_IO, CV_FROM_IMAGE, errno, "cannot create a file beside '%s'",
                           path);
        return NULL;
    }
    close(fd);
    if (fmt->create(tmpl, size, opts) < 0) {
        g_unlink(tmpl);
        return NULL;
    }
    return g_steal_pointer(&tmpl);
}

static int
commit_temp(const char *tmp, const char *path)
{
    if (g_rename(tmp, path) < 0) {
        int err = errno;
        g_unlink(tmp);
        return cv_error_set_errno(CV_ERR_IO, CV_FROM_IMAGE, err, "cannot move the new image "
                                  "into place as '%s'", path);
    }
    return 0;
}

int
cv_image_create(const char *path, const char *format, uint64_t size,
                const char *const *options, unsigned int flags)
{
    const cv_format *fmt;
    g_autoptr(GHashTable) opts = NULL;
    g_autofree char *tmp = NULL;

    cv_error_reset();
    if (!path)
        return IMG_ERR(CV_ERR_INVALID_ARG, "cv_image_create: path is NULL");
    if (flags)
        return IMG_ERR(CV_ERR_NO_SUPPORT_FLAGS, "cv_image_create: unsupported flags 0x%x", flags);
    if (!(fmt = format_for_create(format)) || !(opts = parse_options(fmt, options)))
        return -1;
    if (!(tmp = create_temp(path, fmt, size, opts)))
        return -1;
    return commit_temp(tmp, path);
}

/* Writes @len bytes of @buf at guest @off, skipping all-zero granules of
 * @granule bytes so the output stays sparse, or compressing whole clusters. */
static int
write_sparse(cv_image *dst, uint64_t off, const uint8_t *buf, size_t len, size_t granule,
             bool compress)
{
    size_t i = 0;

    while (i < len) {
        size_t n = MIN(granule - (size_t)((off + i) % granule), len - i);
        size_t run = n;
        bool zero = cv_buffer_is_zero(buf + i, n);

        /* Grow the run while granules keep the same zero-ness. */
        while (i + run < len) {
            size_t m = MIN(granule, len - i - run);
            if (cv_buffer_is_zero(buf + i + run, m) != zero)
                break;
            run += m;
        }
        if (!zero) {
            if (compress) {
                /* One call per cluster, split at cluster boundaries, so that
                 * each whole cluster can be compressed on its own. */
                for (size_t k = 0; k < run;) {
                    uint64_t p = off + i + k;
                    size_t m = MIN(granule - (size_t)(p % granule), run - k);
                    if (cv_image_write_internal(dst, p, buf + i + k, m,
                                                m == granule ? CV_WRITE_COMPRESSED : 0) < 0)
                        return -1;
                    k += m;
                }
            } else if (cv_image_write_internal(dst, off + i, buf + i, run, 0) < 0) {
                return -1;
            }
        }
        i += run;
    }
    return 0;
}

int
cv_image_convert(const char *src_path, const char *src_format, const char *dst_path,
                 const char *dst_format, const char *const *options,
                 cv_image_progress_cb progress, void *opaque, unsigned int flags)
{
    g_autoptr(GHashTable) opts = NULL;
    g_autofree char *tmp = NULL;
    g_autofree uint8_t *buf = NULL;
    const cv_format *fmt;
    cv_image *src = NULL, *dst = NULL;
    uint64_t size, off = 0;
    size_t granule = 4096;
    bool compress = flags & CV_IMAGE_CONVERT_COMPRESS;
    int ret = -1;

    cv_error_reset();
    if (!src_path || !dst_path)
        return IMG_ERR(CV_ERR_INVALID_ARG, "cv_image_convert: source and destination needed");
    if (flags & ~(unsigned int)CV_IMAGE_CONVERT_COMPRESS)
        return IMG_ERR(CV_ERR_NO_SUPPORT_FLAGS, "cv_image_convert: unsupported flags 0x%x",
                       flags);
    if (!(fmt = format_for_create(dst_format)) || !(opts = parse_options(fmt, options)))
        return -1;
    if (g_hash_table_contains(opts, "backing_file"))
        return IMG_ERR(CV_ERR_UNSUPPORTED, "converting onto a backing file (-B) is not "
                       "supported; convert, then rebase");
    if (compress && !fmt->cluster_size)
        return IMG_ERR(CV_ERR_UNSUPPORTED, "format %s cannot store compressed data", fmt->name);
    if (!(src = cv_image_open(src_path, src_format, CV_IMAGE_OPEN_READONLY)))
        return -1;
    size = src->bs->size;
    if (!(tmp = create_temp(dst_path, fmt, size, opts)))
        goto out;
    if (!(dst = cv_image_open(tmp, fmt->name, CV_IMAGE_OPEN_NO_BACKING)))
        goto out;
    dst->bs->no_sync = true;
    if (fmt->cluster_size)
        granule = fmt->cluster_size(dst->bs);
    buf = g_malloc(CHUNK);

    while (off < size) {
        uint64_t pnum;
        unsigned int status;
        int depth;

        if (cv_bdev_block_status(src->bs, off, MIN(size - off, (uint64_t)CHUNK * 64),
                                 &pnum, &status, &depth) < 0)
            goto out;
        if (status & CV_IMAGE_BLOCK_DATA) {
            /* Read in chunk-sized, granule-aligned pieces. */
            uint64_t end = off + pnum;
            while (off < end) {
                size_t n = (size_t)MIN(end - off, (uint64_t)CHUNK);
                if (cv_image_read(src, off, buf, n, 0) < 0 ||
                    write_sparse(dst, off, buf, n, granule, compress) < 0)
                    goto out;
                off += n;
                if (progress && progress(off, size, opaque)) {
                    IMG_ERR(CV_ERR_OPERATION_FAILED, "conversion cancelled");
                    goto out;
                }
            }
        } else {
            off += pnum;   /* zeros: the new image already reads zeros there */
        }
    }
    if (cv_image_flush(dst, 0) < 0)
        goto out;
    /* The one sync that matters: the new image is on disk before its name
     * replaces anything. */
    if (fdatasync(dst->bs->fd) < 0) {
        cv_error_set_errno(CV_ERR_IO, CV_FROM_IMAGE, errno, "syncing '%s'", tmp);
        goto out;
    }
    if (progress)
        progress(size, size, opaque);
    cv_image_free(dst);
    dst = NULL;
    ret = commit_temp(tmp, dst_path);
    g_clear_pointer(&tmp, g_free);

 out:
    if (dst) {
        cv_error_saved *saved = cv_error_save();
        cv_image_free(dst);
        cv_error_restore(saved);
    }
    if (tmp)
        g_unlink(tmp);
    cv_image_free(src);
    return ret;
}

int
cv_image_compare(cv_image *a, cv_image *b, uint64_t *first_difference, unsigned int flags)
{
    g_autofree uint8_t *ba = NULL;
    g_autofree uint8_t *bb = NULL;
    uint64_t sa, sb, common, off = 0;

    cv_error_reset();
    if (!a || !b)
        return IMG_ERR(CV_ERR_INVALID_HANDLE, "cv_image_compare: image handle is NULL");
    if (flags)
        return IMG_ERR(CV_ERR_NO_SUPPORT_FLAGS, "cv_image_compare: unsupported flags 0x%x",
                       flags);
    sa = a->bs->size;
    sb = b->bs->size;
    common = MIN(sa, sb);
    ba = g_malloc(CHUNK);
    bb = g_malloc(CHUNK);
    while (off < common) {
        size_t n = (size_t)MIN(common - off, (uint64_t)CHUNK);
        if (cv_image_read(a, off, ba, n, 0) < 0 || cv_image_read(b, off, bb, n, 0) < 0)
            return -1;
        if (memcmp(ba, bb, n) != 0) {
            for (size_t i = 0; i < n; i++)
                if (ba[i] != bb[i]) {
                    if (first_difference)
                        *first_difference = off + i;
                    return 1;
                }
        }
        off += n;
    }
    /* The longer image must read zeros past the shorter one's end. */
    while (off < MAX(sa, sb)) {
        cv_image *big = sa > sb ? a : b;
        size_t n = (size_t)MIN(MAX(sa, sb) - off, (uint64_t)CHUNK);
        if (cv_image_read(big, off, ba, n, 0) < 0)
            return -1;
        if (!cv_buffer_is_zero(ba, n)) {
            for (size_t i = 0; i < n; i++)
                if (ba[i]) {
                    if (first_difference)
                        *first_difference = off + i;
                    return 1;
                }
        }
        off += n;
    }
    return 0;
}

char *
cv_image_map_json(cv_image *img, unsigned int flags)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    uint64_t off = 0, size;
    uint64_t run_start = 0, run_len = 0;
    unsigned int run_status = 0;
    int run_depth = -1;

    cv_error_reset();
    if (!img) {
        IMG_ERR(CV_ERR_INVALID_HANDLE, "cv_image_map_json: image handle is NULL");
        return NULL;
    }
    size = img->bs->size;
    json_builder_begin_array(b);
    while (off <= size) {
        uint64_t pnum = 0;
        unsigned int status = 0;
        int depth = -1;
        bool flush_run;

        if (off < size &&
            cv_bdev_block_status(img->bs, off, size - off, &pnum, &status, &depth) < 0)
            return NULL;
        flush_run = run_len && (off == size || status != run_status || depth != run_depth);
        if (flush_run) {
            json_builder_begin_object(b);
            json_builder_set_member_name(b, "start");
            json_builder_add_int_value(b, (gint64)run_start);
            json_builder_set_member_name(b, "length");
            json_builder_add_int_value(b, (gint64)run_len);
            json_builder_set_member_name(b, "depth");
            json_builder_add_int_value(b, run_depth);
            json_builder_set_member_name(b, "present");
            json_builder_add_boolean_value(b, (run_status & CV_IMAGE_BLOCK_ALLOCATED) != 0);
            json_builder_set_member_name(b, "zero");
            json_builder_add_boolean_value(b, (run_status & CV_IMAGE_BLOCK_ZERO) != 0);
            json_builder_set_member_name(b, "data");
            json_builder_add_boolean_value(b, (run_status & CV_IMAGE_BLOCK_DATA) != 0);
            json_builder_end_object(b);
            run_len = 0;
        }
        if (off == size)
            break;
        if (!run_len) {
            run_start = off;
            run_status = status;
            run_depth = depth;
        }
        run_len += pnum;
        off += pnum;
    }
    json_builder_end_array(b);
    return cv_image_json_to_string(b);
}
