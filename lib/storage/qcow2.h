/*
 * qcow2 (docs/interop/qcow2.txt in qemu): shared between the reader
 * (qcow2.c) and the writer (qcow2-write.c).
 */
#pragma once

#include "storage/format.h"

#define QCOW2_MAGIC 0x514649fbu           /* "QFI\xfb" */
#define QCOW2_V2_HEADER 72
#define QCOW2_V3_HEADER 104
#define QCOW2_MIN_CLUSTER_BITS 9
#define QCOW2_MAX_CLUSTER_BITS 21
#define QCOW2_MAX_L1_BYTES (32u << 20)     /* qemu's limit */
#define QCOW2_MAX_RT_BYTES (8u << 20)
#define QCOW2_MAX_BACKING_NAME 1023
#define QCOW2_MAX_SNAPSHOTS 65536

#define QCOW2_INCOMPAT_DIRTY (1ULL << 0)
#define QCOW2_INCOMPAT_CORRUPT (1ULL << 1)
#define QCOW2_INCOMPAT_DATA_FILE (1ULL << 2)
#define QCOW2_INCOMPAT_COMPRESSION (1ULL << 3)
#define QCOW2_INCOMPAT_EXTL2 (1ULL << 4)
#define QCOW2_INCOMPAT_KNOWN 0x1fULL

#define QCOW2_OFLAG_COPIED (1ULL << 63)
#define QCOW2_OFLAG_COMPRESSED (1ULL << 62)
#define QCOW2_OFLAG_ZERO 1ULL
#define QCOW2_OFFSET_MASK 0x00fffffffffffe00ULL

#define QCOW2_EXT_END 0
#define QCOW2_EXT_BACKING_FORMAT 0xe2792acau
#define QCOW2_EXT_FEATURE_TABLE 0x6803f857u

enum { QCOW2_COMPRESS_ZLIB = 0, QCOW2_COMPRESS_ZSTD = 1 };

typedef struct {
    char *name;
    char *id;
    uint64_t vm_state_size;
    uint32_t date_sec;
    uint64_t vm_clock_nsec;
} qcow2_snapshot;

typedef struct qcow2_writer qcow2_writer;

typedef struct {
    uint32_t version;
    uint32_t cluster_bits;
    uint32_t cluster_size;
    uint32_t l2_entries;        /* entries per L2 table */
    uint32_t l2_entry_size;     /* 8, or 16 with extended L2 */
    uint32_t subcluster_size;
    uint64_t l1_offset;
    uint32_t l1_size;
    uint64_t *l1;
    uint64_t rt_offset;
    uint32_t rt_clusters;
    uint32_t refcount_order;
    uint64_t incompat, compat, autoclear;
    int compression_type;
    bool extended_l2;
    GPtrArray *snapshots;       /* qcow2_snapshot* */

    GHashTable *l2_cache;       /* host offset -> uint8_t[] raw table */
    uint8_t *cbuf;              /* compressed input, 2 clusters */
    uint8_t *dbuf;              /* one decompressed cluster (+1 byte) */
    uint64_t dbuf_offset;       /* host offset whose data dbuf holds, or 0 */

    qcow2_writer *writer;       /* set while this handle writes the image */
} qcow2_state;

/* qcow2-write.c */
int qcow2_create(const char *path, uint64_t size, GHashTable *opts);
int qcow2_writer_start(cv_bdev *bs);
int qcow2_write(cv_bdev *bs, uint64_t off, const void *buf, size_t len, unsigned int flags);
int qcow2_flush(cv_bdev *bs);
void qcow2_writer_free(qcow2_writer *w);
/* Looks up a guest cluster in the writer's map: the L2 entry, or 0. */
uint64_t qcow2_writer_entry(qcow2_state *s, uint64_t cluster_index);

/* qcow2.c, used by the writer */
int qcow2_read_compressed(cv_bdev *bs, qcow2_state *s, uint64_t entry, uint8_t *out);
