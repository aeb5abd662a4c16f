/*
 * The format table and the open-image state every format works on.
 *
 * Contract:
 * - The framework (image.c) opens the file, probes or picks the format,
 *   calls open(), and then opens the backing chain the format reported in
 *   bs->backing_name / bs->backing_format (unless asked not to). Formats
 *   never open other images themselves.
 * - read() returns the guest view of [off, off+len) within bs->size; for
 *   ranges this layer does not allocate it calls cv_bdev_read_backing().
 * - block_status() describes the run starting at @off: *pnum bytes (>= 1,
 *   <= len) with one CV_IMAGE_BLOCK_* status. Without ALLOCATED the
 *   framework asks the backing image.
 * - Every on-disk field is read through cv_be*() / cv_le*() from a buffer
 *   whose size was checked, and validated against the file size and the
 *   spec before it is used as an offset, count or allocation size.
 * - Errors: set with module CV_FROM_IMAGE; CV_ERR_IMAGE_CORRUPT for an
 *   image that breaks its format's rules, CV_ERR_IMAGE_FORMAT for a feature
 *   we do not support.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>
#include <cloudvirt/cv-image.h>

#include "core/error.h"

typedef struct cv_format cv_format;
typedef struct cv_bdev cv_bdev;

struct cv_bdev {
    const cv_format *fmt;
    char *filename;
    int fd;
    bool read_only;
    bool no_sync;             /* a temporary output: one sync at commit suffices */
    uint64_t size;            /* virtual size, set by open */
    uint64_t file_size;       /* host file size at open */
    char *backing_name;       /* as recorded in the image, or NULL */
    char *backing_format;     /* as recorded, or NULL */
    cv_bdev *backing;         /* opened by the framework */
    GMutex lock;              /* formats' metadata; one call at a time */
    void *priv;
};

/* Largest cluster or grain a format may ask us to allocate at once. */
#define CV_MAX_CLUSTER (2u << 20)
/* Deepest backing chain we follow; deeper is a loop or an attack. */
#define CV_MAX_CHAIN 64

struct cv_format {
    const char *name;
    /* Score 0 (not mine) to 100 (certain) for the first bytes of a file. */
    int (*probe)(const uint8_t *buf, size_t len);
    int (*open)(cv_bdev *bs, unsigned int flags);
    int (*create)(const char *path, uint64_t size, GHashTable *opts);
    int (*read)(cv_bdev *bs, uint64_t off, void *buf, size_t len);
    int (*write)(cv_bdev *bs, uint64_t off, const void *buf, size_t len,
                 unsigned int flags);
    int (*block_status)(cv_bdev *bs, uint64_t off, uint64_t len, uint64_t *pnum,
                        unsigned int *status);
    int (*flush)(cv_bdev *bs);
    /* Adds format-specific members to the open JSON object being built. */
    void (*info)(cv_bdev *bs, JsonBuilder *b);
    void (*close)(cv_bdev *bs);
    const char *const *create_opts;   /* option names create() understands */
    /* A cluster-aligned, cluster-sized write may ask for compression. */
    uint32_t (*cluster_size)(cv_bdev *bs);
};

/* cv_format write() flags. */
#define CV_WRITE_COMPRESSED (1u << 0)

extern const cv_format cv_format_raw;
extern const cv_format cv_format_qcow2;

/* formats.c */
const cv_format *cv_format_find(const char *name);
const cv_format *const *cv_format_all(void);

/* image.c helpers for formats */
int cv_bdev_pread(cv_bdev *bs, void *buf, size_t len, uint64_t off, const char *what);
int cv_bdev_pwrite(cv_bdev *bs, const void *buf, size_t len, uint64_t off,
                   const char *what);
int cv_bdev_read_backing(cv_bdev *bs, uint64_t off, void *buf, size_t len);

static inline uint16_t cv_be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static inline uint32_t cv_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline uint64_t cv_be64(const uint8_t *p)
{
    return (uint64_t)cv_be32(p) << 32 | cv_be32(p + 4);
}
static inline void cv_put_be16(uint8_t *p, uint16_t v) { p[0] = v >> 8; p[1] = (uint8_t)v; }
static inline void cv_put_be32(uint8_t *p, uint32_t v)
{
    p[0] = v >> 24; p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}
static inline void cv_put_be64(uint8_t *p, uint64_t v)
{
    cv_put_be32(p, (uint32_t)(v >> 32));
    cv_put_be32(p + 4, (uint32_t)v);
}

/* TRUE when all @len bytes of @buf are zero. */
bool cv_buffer_is_zero(const void *buf, size_t len);
