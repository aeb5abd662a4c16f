/*
 * Open images and their backing chains; the public read/write/info API.
 * Formats see only their own layer (format.h); chains, probing, bounds and
 * locking live here once.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "storage/format.h"
#include "storage/image-priv.h"

#define IMG_ERR(code, ...) cv_error_set((code), CV_FROM_IMAGE, __VA_ARGS__)

int
cv_bdev_pread(cv_bdev *bs, void *buf, size_t len, uint64_t off, const char *what)
{
    size_t done = 0;

    while (done < len) {
        ssize_t r = pread(bs->fd, (char *)buf + done, len - done, (off_t)(off + done));
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return cv_error_set_errno(CV_ERR_IO, CV_FROM_IMAGE, errno,
                                      "reading %s of '%s'", what, bs->filename);
        if (r == 0)
            return IMG_ERR(CV_ERR_IMAGE_CORRUPT,
                           "'%s': %s at offset %" G_GUINT64_FORMAT " lies beyond the "
                           "end of the file", bs->filename, what, off);
        done += (size_t)r;
    }
    return 0;
}

int
cv_bdev_pwrite(cv_bdev *bs, const void *buf, size_t len, uint64_t off, const char *what)
{
    size_t done = 0;

    while (done < len) {
        ssize_t r = pwrite(bs->fd, (const char *)buf + done, len - done,
                           (off_t)(off + done));
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return cv_error_set_errno(CV_ERR_IO, CV_FROM_IMAGE, errno,
                                      "writing %s of '%s'", what, bs->filename);
        done += (size_t)r;
    }
    return 0;
}

static int
bdev_read(cv_bdev *bs, uint64_t off, void *buf, size_t len)
{
    int r;

    g_mutex_lock(&bs->lock);
    r = bs->fmt->read(bs, off, buf, len);
    g_mutex_unlock(&bs->lock);
    return r;
}

int
cv_bdev_read_backing(cv_bdev *bs, uint64_t off, void *buf, size_t len)
{
    uint64_t avail;

    if (!bs->backing) {
        memset(buf, 0, len);
        return 0;
    }
    /* A backing image shorter than us reads as zeros past its end. */
    avail = off < bs->backing->size ? bs->backing->size - off : 0;
    if (avail < len)
        memset((char *)buf + avail, 0, len - avail);
    if (!avail)
        return 0;
    /* The backing layer's lock is its own; ours stays held, and chains only
     * point downwards, so lock order is always top to bottom. */
    return bdev_read(bs->backing, off, buf, MIN(avail, (uint64_t)len));
}

static void
bdev_close(cv_bdev *bs)
{
    if (!bs)
        return;
    bdev_close(bs->backing);
    if (bs->fmt && bs->fmt->close)
        bs->fmt->close(bs);
    if (bs->fd >= 0)
        close(bs->fd);
    g_free(bs->filename);
    g_free(bs->backing_name);
    g_free(bs->backing_format);
    g_mutex_clear(&bs->lock);
    g_free(bs);
}

static const cv_format *
probe(const char *path, int fd)
{
    uint8_t buf[4096];
    ssize_t n = pread(fd, buf, sizeof(buf), 0);
    const cv_format *best = NULL;
    int best_score = 0;

    if (n < 0)
        n = 0;
    for (const cv_format *const *f = cv_format_all(); *f; f++) {
        int score = (*f)->probe ? (*f)->probe(buf, (size_t)n) : 0;
        if (score > best_score) {
            best = *f;
            best_score = score;
        }
    }
    /* Nothing recognised it: it is raw content. Raw never wins a probe, so
     * a qcow2 header is never taken for data or the other way round. */
    return best ? best : &cv_format_raw;
}

/* Resolves a backing name relative to the image that names it. */
static char *
backing_path(const char *image, const char *name)
{
    g_autofree char *dir = NULL;

    if (g_path_is_absolute(name))
        return g_strdup(name);
    dir = g_path_get_dirname(image);
    return g_build_filename(dir, name, NULL);
}

static cv_bdev *bdev_open(const char *path, const char *format, unsigned int flags,
                          GHashTable *seen, int depth);

static int
open_backing(cv_bdev *bs, unsigned int flags, GHashTable *seen, int depth)
{
    g_autofree char *path = NULL;

    if (!bs->backing_name || (flags & CV_IMAGE_OPEN_NO_BACKING))
        return 0;
    if (depth >= CV_MAX_CHAIN)
        return IMG_ERR(CV_ERR_IMAGE_CORRUPT,
                       "'%s': backing chain deeper than %d images (a loop?)",
                       bs->filename, CV_MAX_CHAIN);
    path = backing_path(bs->filename, bs->backing_name);
    /* Backing images are only ever read through us. */
    bs->backing = bdev_open(path, bs->backing_format, flags | CV_IMAGE_OPEN_READONLY,
                            seen, depth + 1);
    if (!bs->backing)
        return cv_error_prefix("'%s' has backing file '%s'", bs->filename, bs->backing_name);
    return 0;
}

static cv_bdev *
bdev_open(const char *path, const char *format, unsigned int flags, GHashTable *seen,
          int depth)
{
    cv_bdev *bs;
    struct stat st;
    char *real;

    bs = g_new0(cv_bdev, 1);
    g_mutex_init(&bs->lock);
    bs->filename = g_strdup(path);
    bs->read_only = flags & CV_IMAGE_OPEN_READONLY;
    bs->fd = open(path, (bs->read_only ? O_RDONLY : O_RDWR) | O_CLOEXEC);
    if (bs->fd < 0) {
        cv_error_set_errno(CV_ERR_IO, CV_FROM_IMAGE, errno, "cannot open image '%s'", path);
        goto error;
    }
    if (fstat(bs->fd, &st) < 0 || S_ISDIR(st.st_mode)) {
        IMG_ERR(CV_ERR_IO, "'%s' is not an image file", path);
        goto error;
    }
    bs->file_size = (uint64_t)st.st_size;
    real = realpath(path, NULL);
    if (real) {
        if (g_hash_table_contains(seen, real)) {
            IMG_ERR(CV_ERR_IMAGE_CORRUPT,
                    "backing chain loops: '%s' is its own backing image", path);
            free(real);
            goto error;
        }
        g_hash_table_add(seen, g_strdup(real));
        free(real);
    }
    if (format) {
        bs->fmt = cv_format_find(g_str_equal(format, "vpc") ? "vhd" : format);
        if (!bs->fmt) {
            IMG_ERR(CV_ERR_IMAGE_FORMAT, "unknown image format '%s' (known: raw, qcow2)",
                    format);
            goto error;
        }
    } else {
        bs->fmt = probe(path, bs->fd);
    }
    if (bs->fmt->open(bs, flags) < 0) {
        cv_error_prefix("opening '%s' as %s", path, bs->fmt->name);
        goto error;
    }
    if (open_backing(bs, flags, seen, depth) < 0)
        goto error;
    return bs;

 error:
    if (bs->fmt && bs->priv && bs->fmt->close) {
        bs->fmt->close(bs);
        bs->priv = NULL;
    }
    bs->fmt = NULL;
    bdev_close(bs);
    return NULL;
}

/* ---- public API ---- */

cv_image *
cv_image_open(const char *path, const char *format, unsigned int flags)
{
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    cv_image *img;
    cv_bdev *bs;

    cv_error_reset();
    if (!path) {
        IMG_ERR(CV_ERR_INVALID_ARG, "cv_image_open: path is NULL");
        return NULL;
    }
    if (flags & ~(unsigned int)(CV_IMAGE_OPEN_READONLY | CV_IMAGE_OPEN_NO_BACKING)) {
        IMG_ERR(CV_ERR_NO_SUPPORT_FLAGS, "cv_image_open: unsupported flags 0x%x", flags);
        return NULL;
    }
    if (!(bs = bdev_open(path, format, flags, seen, 0)))
        return NULL;
    img = g_new0(cv_image, 1);
    img->refs = 1;
    img->bs = bs;
    return img;
}

int
cv_image_ref(cv_image *img)
{
    cv_error_reset();
    if (!img)
        return IMG_ERR(CV_ERR_INVALID_HANDLE, "cv_image_ref: image handle is NULL");
    g_atomic_int_inc(&img->refs);
    return 0;
}

void
cv_image_free(cv_image *img)
{
    if (!img || !g_atomic_int_dec_and_test(&img->refs))
        return;
    if (img->bs->fmt->flush && !img->bs->read_only) {
        cv_error_saved *saved = cv_error_save();
        img->bs->fmt->flush(img->bs);
        cv_error_restore(saved);
    }
    bdev_close(img->bs);
    g_free(img);
}

#define CHECK_IMG(img, ret) \
    do { \
        cv_error_reset(); \
        if (!(img)) { \
            IMG_ERR(CV_ERR_INVALID_HANDLE, "%s: image handle is NULL", G_STRFUNC); \
            return ret; \
        } \
    } while (0)

static int
check_range(cv_image *img, uint64_t off, uint64_t len)
{
    if (off > img->bs->size || len > img->bs->size - off)
        return IMG_ERR(CV_ERR_INVALID_ARG,
                       "range %" G_GUINT64_FORMAT "+%" G_GUINT64_FORMAT " is beyond the "
                       "end of '%s' (%" G_GUINT64_FORMAT " bytes)", off, len,
                       img->bs->filename, img->bs->size);
    return 0;
}

int
cv_image_read(cv_image *img, uint64_t offset, void *buf, size_t len, unsigned int flags)
{
    CHECK_IMG(img, -1);
    if (flags)
        return IMG_ERR(CV_ERR_NO_SUPPORT_FLAGS, "cv_image_read: unsupported flags 0x%x", flags);
    if (!buf && len)
        return IMG_ERR(CV_ERR_INVALID_ARG, "cv_image_read: buf is NULL");
    if (check_range(img, offset, len) < 0)
        return -1;
    return len ? bdev_read(img->bs, offset, buf, len) : 0;
}

int
cv_image_write_internal(cv_image *img, uint64_t offset, const void *buf, size_t len,
                        unsigned int fmt_flags)
{
    cv_bdev *bs = img->bs;
    int r;

    if (bs->read_only)
        return IMG_ERR(CV_ERR_READ_ONLY, "'%s' was opened read-only", bs->filename);
    if (!bs->fmt->write)
        return IMG_ERR(CV_ERR_UNSUPPORTED, "writing %s images is not supported",
                       bs->fmt->name);
    if (check_range(img, offset, len) < 0)
        return -1;
    g_mutex_lock(&bs->lock);
    r = bs->fmt->write(bs, offset, buf, len, fmt_flags);
    g_mutex_unlock(&bs->lock);
    return r;
}

int
cv_image_write(cv_image *img, uint64_t offset, const void *buf, size_t len, unsigned int flags)
{
    CHECK_IMG(img, -1);
    if (flags)
        return IMG_ERR(CV_ERR_NO_SUPPORT_FLAGS, "cv_image_write: unsupported flags 0x%x", flags);
    if (!buf && len)
        return IMG_ERR(CV_ERR_INVALID_ARG, "cv_image_write: buf is NULL");
    return len ? cv_image_write_internal(img, offset, buf, len, 0) : 0;
}

int
cv_image_flush(cv_image *img, unsigned int flags)
{
    int r = 0;

    CHECK_IMG(img, -1);
    if (flags)
        return IMG_ERR(CV_ERR_NO_SUPPORT_FLAGS, "cv_image_flush: unsupported flags 0x%x", flags);
    if (img->bs->read_only)
        return 0;
    g_mutex_lock(&img->bs->lock);
    if (img->bs->fmt->flush)
        r = img->bs->fmt->flush(img->bs);
    if (r == 0 && !img->bs->no_sync && fdatasync(img->bs->fd) < 0)
        r = cv_error_set_errno(CV_ERR_IO, CV_FROM_IMAGE, errno, "flushing '%s'",
                               img->bs->filename);
    g_mutex_unlock(&img->bs->lock);
    return r;
}

int
cv_image_get_size(cv_image *img, uint64_t *size)
{
    CHECK_IMG(img, -1);
    if (!size)
        return IMG_ERR(CV_ERR_INVALID_ARG, "cv_image_get_size: size is NULL");
    *size = img->bs->size;
    return 0;
}

const char *
cv_image_get_format(cv_image *img)
{
    CHECK_IMG(img, NULL);
    return img->bs->fmt->name;
}

/* Status of the run at @off in layer @bs, falling through to backing
 * layers for ranges @bs leaves unallocated. *depth says which layer. */
int
cv_bdev_block_status(cv_bdev *bs, uint64_t off, uint64_t len, uint64_t *pnum,
                     unsigned int *status, int *depth)
{
    int r;

    *depth = 0;
    for (;;) {
        g_mutex_lock(&bs->lock);
        r = bs->fmt->block_status(bs, off, len, pnum, status);
        g_mutex_unlock(&bs->lock);
        if (r < 0 || (*status & CV_IMAGE_BLOCK_ALLOCATED))
            return r;
        if (!bs->backing || off >= bs->backing->size) {
            /* Unallocated all the way down: zeros. */
            *status = CV_IMAGE_BLOCK_ZERO;
            return 0;
        }
        len = MIN(*pnum, bs->backing->size - off);
        bs = bs->backing;
        (*depth)++;
    }
}

int
cv_image_block_status(cv_image *img, uint64_t offset, uint64_t len, uint64_t *pnum,
                      unsigned int *status)
{
    int depth;

    CHECK_IMG(img, -1);
    if (!pnum || !status)
        return IMG_ERR(CV_ERR_INVALID_ARG, "cv_image_block_status: NULL out-argument");
    if (!len || check_range(img, offset, len) < 0) {
        if (!cv_error_is_set())
            IMG_ERR(CV_ERR_INVALID_ARG, "cv_image_block_status: empty range");
        return -1;
    }
    return cv_bdev_block_status(img->bs, offset, len, pnum, status, &depth);
}

static void
info_layer(JsonBuilder *b, cv_bdev *bs)
{
    struct stat st;

    json_builder_begin_object(b);
    json_builder_set_member_name(b, "filename");
    json_builder_add_string_value(b, bs->filename);
    json_builder_set_member_name(b, "format");
    json_builder_add_string_value(b, bs->fmt->name);
    json_builder_set_member_name(b, "virtual-size");
    json_builder_add_int_value(b, (gint64)bs->size);
    if (fstat(bs->fd, &st) == 0) {
        json_builder_set_member_name(b, "actual-size");
        json_builder_add_int_value(b, (gint64)st.st_blocks * 512);
    }
    json_builder_set_member_name(b, "dirty-flag");
    json_builder_add_boolean_value(b, FALSE);
    if (bs->backing_name) {
        g_autofree char *full = backing_path(bs->filename, bs->backing_name);
        json_builder_set_member_name(b, "backing-filename");
        json_builder_add_string_value(b, bs->backing_name);
        json_builder_set_member_name(b, "full-backing-filename");
        json_builder_add_string_value(b, full);
        if (bs->backing_format) {
            json_builder_set_member_name(b, "backing-filename-format");
            json_builder_add_string_value(b, bs->backing_format);
        }
    }
    if (bs->fmt->info)
        bs->fmt->info(bs, b);
    if (bs->backing) {
        json_builder_set_member_name(b, "backing-image");
        info_layer(b, bs->backing);
    }
    json_builder_end_object(b);
}

char *
cv_image_json_to_string(JsonBuilder *b)
{
    g_autoptr(JsonGenerator) gen = json_generator_new();
    g_autoptr(JsonNode) root = json_builder_get_root(b);

    json_generator_set_root(gen, root);
    json_generator_set_pretty(gen, TRUE);
    return json_generator_to_data(gen, NULL);
}

char *
cv_image_get_info_json(cv_image *img, unsigned int flags)
{
    g_autoptr(JsonBuilder) b = json_builder_new();

    CHECK_IMG(img, NULL);
    if (flags) {
        IMG_ERR(CV_ERR_NO_SUPPORT_FLAGS, "cv_image_get_info_json: unsupported flags 0x%x",
                flags);
        return NULL;
    }
    g_mutex_lock(&img->bs->lock);
    info_layer(b, img->bs);
    g_mutex_unlock(&img->bs->lock);
    return cv_image_json_to_string(b);
}
