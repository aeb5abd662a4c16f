/*
 * qcow2 reader: header and extension parsing with every field checked,
 * L1/L2 lookups, compressed clusters (zlib, zstd), extended L2
 * (subclusters), snapshots listed. Writing lives in qcow2-write.c.
 */
#include <config.h>

#include <zlib.h>
#include <zstd.h>

#include "storage/qcow2.h"

#define QERR(code, bs, ...) qerr((code), (bs), __VA_ARGS__)

G_GNUC_PRINTF(3, 4)
static int
qerr(int code, cv_bdev *bs, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *msg = NULL;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    return cv_error_set(code, CV_FROM_IMAGE, "qcow2 '%s': %s", bs->filename, msg);
}

static int
qcow2_probe(const uint8_t *buf, size_t len)
{
    if (len >= 8 && cv_be32(buf) == QCOW2_MAGIC &&
        (cv_be32(buf + 4) == 2 || cv_be32(buf + 4) == 3))
        return 100;
    return 0;
}

static void
snapshot_free(qcow2_snapshot *sn)
{
    g_free(sn->name);
    g_free(sn->id);
    g_free(sn);
}

static void
qcow2_close(cv_bdev *bs)
{
    qcow2_state *s = bs->priv;

    if (!s)
        return;
    qcow2_writer_free(s->writer);
    g_free(s->l1);
    if (s->l2_cache)
        g_hash_table_unref(s->l2_cache);
    if (s->snapshots)
        g_ptr_array_unref(s->snapshots);
    g_free(s->cbuf);
    g_free(s->dbuf);
    g_free(s);
    bs->priv = NULL;
}

/* Checks that [off, off+len) lies in the file; @what names the structure. */
static int
check_extent(cv_bdev *bs, uint64_t off, uint64_t len, const char *what)
{
    if (off > bs->file_size || len > bs->file_size - off)
        return QERR(CV_ERR_IMAGE_CORRUPT, bs,
                    "%s at offset %" G_GUINT64_FORMAT " (%" G_GUINT64_FORMAT
                    " bytes) lies beyond the end of the file (%" G_GUINT64_FORMAT
                    " bytes)", what, off, len, bs->file_size);
    return 0;
}

static int
read_extensions(cv_bdev *bs, qcow2_state *s, uint32_t header_len)
{
    uint64_t limit = MIN((uint64_t)s->cluster_size, bs->file_size);
    uint64_t off = header_len;

    while (off + 8 <= limit) {
        uint8_t h[8];
        uint32_t type, len;

        if (cv_bdev_pread(bs, h, 8, off, "header extension") < 0)
            return -1;
        type = cv_be32(h);
        len = cv_be32(h + 4);
        if (type == QCOW2_EXT_END)
            return 0;
        if (len > limit - off - 8)
            return QERR(CV_ERR_IMAGE_CORRUPT, bs,
                        "header extension 0x%x of %u bytes runs past the first cluster",
                        type, len);
        if (type == QCOW2_EXT_BACKING_FORMAT) {
            char name[256];
            if (len == 0 || len >= sizeof(name))
                return QERR(CV_ERR_IMAGE_CORRUPT, bs, "backing format name of %u bytes", len);
            if (cv_bdev_pread(bs, name, len, off + 8, "backing format") < 0)
                return -1;
            name[len] = '\0';
            g_free(bs->backing_format);
            bs->backing_format = g_strdup(name);
        }
        off += 8 + ((uint64_t)len + 7) / 8 * 8;
    }
    return 0;
}

static int
read_snapshots(cv_bdev *bs, qcow2_state *s, uint32_t nb, uint64_t off)
{
    s->snapshots = g_ptr_array_new_with_free_func((GDestroyNotify)snapshot_free);
    if (nb > QCOW2_MAX_SNAPSHOTS)
        return QERR(CV_ERR_IMAGE_CORRUPT, bs, "%u snapshots is more than the %d allowed",
                    nb, QCOW2_MAX_SNAPSHOTS);
    if (nb && (off % 8 || check_extent(bs, off, 40, "snapshot table") < 0)) {
        if (!cv_error_is_set())
            QERR(CV_ERR_IMAGE_CORRUPT, bs, "snapshot table offset %" G_GUINT64_FORMAT
                 " is not aligned", off);
        return -1;
    }
    for (uint32_t i = 0; i < nb; i++) {
        uint8_t h[40];
        uint16_t id_len, name_len;
        uint32_t extra;
        qcow2_snapshot *sn;
        g_autofree char *id = NULL;
        g_autofree char *name = NULL;

        if (check_extent(bs, off, 40, "snapshot header") < 0 ||
            cv_bdev_pread(bs, h, 40, off, "snapshot header") < 0)
            return -1;
        id_len = cv_be16(h + 12);
        name_len = cv_be16(h + 14);
        extra = cv_be32(h + 36);
        if (extra > 1024)
            return QERR(CV_ERR_IMAGE_CORRUPT, bs, "snapshot %u has %u bytes of extra data",
                        i, extra);
        off += 40 + extra;
        if (check_extent(bs, off, (uint64_t)id_len + name_len, "snapshot names") < 0)
            return -1;
        id = g_malloc0((gsize)id_len + 1);
        name = g_malloc0((gsize)name_len + 1);
        if (cv_bdev_pread(bs, id, id_len, off, "snapshot id") < 0 ||
            cv_bdev_pread(bs, name, name_len, off + id_len, "snapshot name") < 0)
            return -1;
        off += id_len + name_len;
        off = (off + 7) / 8 * 8;
        sn = g_new0(qcow2_snapshot, 1);
        sn->id = g_steal_pointer(&id);
        sn->name = g_steal_pointer(&name);
        sn->date_sec = cv_be32(h + 16);
        sn->vm_clock_nsec = cv_be64(h + 24);
        sn->vm_state_size = cv_be32(h + 32);
        g_ptr_array_add(s->snapshots, sn);
    }
    return 0;
}

static int
parse_header(cv_bdev *bs, qcow2_state *s, unsigned int flags)
{
    uint8_t h[QCOW2_V3_HEADER + 8] = { 0 };
    uint32_t header_len = QCOW2_V2_HEADER;
    uint64_t backing_off, l2_reach, need_l1;
    uint32_t backing_len;

    if (bs->file_size < QCOW2_V2_HEADER)
        return QERR(CV_ERR_IMAGE_CORRUPT, bs, "file of %" G_GUINT64_FORMAT " bytes is "
                    "shorter than a qcow2 header (truncated?)", bs->file_size);
    if (cv_bdev_pread(bs, h, MIN(sizeof(h), bs->file_size), 0, "header") < 0)
        return -1;
    if (cv_be32(h) != QCOW2_MAGIC)
        return QERR(CV_ERR_IMAGE_FORMAT, bs, "bad magic: not a qcow2 image");
    s->version = cv_be32(h + 4);
    if (s->version != 2 && s->version != 3)
        return QERR(CV_ERR_IMAGE_FORMAT, bs, "version %u is not supported (2 and 3 are)",
                    s->version);
    s->cluster_bits = cv_be32(h + 20);
    if (s->cluster_bits < QCOW2_MIN_CLUSTER_BITS || s->cluster_bits > QCOW2_MAX_CLUSTER_BITS)
        return QERR(CV_ERR_IMAGE_CORRUPT, bs, "cluster_bits %u is out of range (%d-%d)",
                    s->cluster_bits, QCOW2_MIN_CLUSTER_BITS, QCOW2_MAX_CLUSTER_BITS);
    s->cluster_size = 1u << s->cluster_bits;
    bs->size = cv_be64(h + 24);
    if (bs->size > (1ULL << 56))
        return QERR(CV_ERR_IMAGE_CORRUPT, bs, "virtual size %" G_GUINT64_FORMAT
                    " is absurd", bs->size);
    if (cv_be32(h + 32) != 0)
        return QERR(CV_ERR_IMAGE_FORMAT, bs, "encrypted images are not supported");
    s->l1_size = cv_be32(h + 36);
    s->l1_offset = cv_be64(h + 40);
    s->rt_offset = cv_be64(h + 48);
    s->rt_clusters = cv_be32(h + 56);
    s->refcount_order = 4;
    s->l2_entry_size = 8;

    if (s->version == 3) {
        if (bs->file_size < QCOW2_V3_HEADER)
            return QERR(CV_ERR_IMAGE_CORRUPT, bs, "version 3 header is truncated");
        s->incompat = cv_be64(h + 72);
        s->compat = cv_be64(h + 80);
        s->autoclear = cv_be64(h + 88);
        s->refcount_order = cv_be32(h + 96);
        header_len = cv_be32(h + 100);
        if (header_len < QCOW2_V3_HEADER || header_len > s->cluster_size ||
            header_len % 8)
            return QERR(CV_ERR_IMAGE_CORRUPT, bs, "header length %u is invalid", header_len);
        if (s->refcount_order > 6)
            return QERR(CV_ERR_IMAGE_CORRUPT, bs, "refcount_order %u is out of range (0-6)",
                        s->refcount_order);
        if (s->incompat & ~QCOW2_INCOMPAT_KNOWN)
            return QERR(CV_ERR_IMAGE_FORMAT, bs,
                        "unknown incompatible features 0x%" G_GINT64_MODIFIER "x: refusing "
                        "to open an image this version cannot read safely",
                        (guint64)(s->incompat & ~QCOW2_INCOMPAT_KNOWN));
        if (s->incompat & QCOW2_INCOMPAT_DATA_FILE)
            return QERR(CV_ERR_IMAGE_FORMAT, bs, "external data files are not supported");
        if (s->incompat & QCOW2_INCOMPAT_COMPRESSION) {
            if (header_len < QCOW2_V3_HEADER + 1)
                return QERR(CV_ERR_IMAGE_CORRUPT, bs,
                            "compression type flag set but the header has no such field");
            s->compression_type = h[104];
            if (s->compression_type != QCOW2_COMPRESS_ZLIB &&
                s->compression_type != QCOW2_COMPRESS_ZSTD)
                return QERR(CV_ERR_IMAGE_FORMAT, bs, "compression type %d is unknown",
                            s->compression_type);
        }
        if (s->incompat & QCOW2_INCOMPAT_EXTL2) {
            if (s->cluster_bits < 14)
                return QERR(CV_ERR_IMAGE_CORRUPT, bs,
                            "extended L2 needs clusters of at least 16 KiB");
            s->extended_l2 = true;
            s->l2_entry_size = 16;
        }
        if (!bs->read_only && (s->incompat & QCOW2_INCOMPAT_CORRUPT))
            return QERR(CV_ERR_IMAGE_CORRUPT, bs,
                        "the image is marked corrupt; open it read-only, or repair it "
                        "with qemu-img check -r all");
        if (!bs->read_only && (s->incompat & QCOW2_INCOMPAT_DIRTY))
            return QERR(CV_ERR_IMAGE_CORRUPT, bs,
                        "the image is marked dirty (refcounts may be stale); open it "
                        "read-only, or repair it with qemu-img check -r all");
    }
    s->l2_entries = s->cluster_size / s->l2_entry_size;
    s->subcluster_size = s->extended_l2 ? s->cluster_size / 32 : s->cluster_size;

    /* The L1 table must cover the virtual size and fit qemu's limits. */
    l2_reach = (uint64_t)s->l2_entries * s->cluster_size;
    need_l1 = (bs->size + l2_reach - 1) / l2_reach;
    if ((uint64_t)s->l1_size * 8 > QCOW2_MAX_L1_BYTES)
        return QERR(CV_ERR_IMAGE_CORRUPT, bs, "L1 table of %u entries is absurdly large",
                    s->l1_size);
    if (s->l1_size < need_l1)
        return QERR(CV_ERR_IMAGE_CORRUPT, bs, "L1 table of %u entries cannot cover %"
                    G_GUINT64_FORMAT " bytes", s->l1_size, bs->size);
    if (s->l1_size && (s->l1_offset % s->cluster_size ||
                       check_extent(bs, s->l1_offset, (uint64_t)s->l1_size * 8,
                                    "L1 table") < 0)) {
        if (!cv_error_is_set())
            QERR(CV_ERR_IMAGE_CORRUPT, bs, "L1 table offset is not cluster aligned");
        return -1;
    }
    if ((uint64_t)s->rt_clusters * s->cluster_size > QCOW2_MAX_RT_BYTES)
        return QERR(CV_ERR_IMAGE_CORRUPT, bs, "refcount table of %u clusters is absurdly "
                    "large", s->rt_clusters);
    if (s->rt_offset % s->cluster_size ||
        check_extent(bs, s->rt_offset, (uint64_t)s->rt_clusters * s->cluster_size,
                     "refcount table") < 0) {
        if (!cv_error_is_set())
            QERR(CV_ERR_IMAGE_CORRUPT, bs, "refcount table offset is not cluster aligned");
        return -1;
    }

    backing_off = cv_be64(h + 8);
    backing_len = cv_be32(h + 16);
    if (backing_off) {
        char *name;
        if (backing_len == 0 || backing_len > QCOW2_MAX_BACKING_NAME)
            return QERR(CV_ERR_IMAGE_CORRUPT, bs, "backing file name of %u bytes (1-%d "
                        "allowed)", backing_len, QCOW2_MAX_BACKING_NAME);
        if (backing_off + backing_len > s->cluster_size ||
            check_extent(bs, backing_off, backing_len, "backing file name") < 0) {
            if (!cv_error_is_set())
                QERR(CV_ERR_IMAGE_CORRUPT, bs, "backing file name lies outside the first "
                     "cluster");
            return -1;
        }
        name = g_malloc0(backing_len + 1);
        if (cv_bdev_pread(bs, name, backing_len, backing_off, "backing file name") < 0) {
            g_free(name);
            return -1;
        }
        bs->backing_name = name;
    }
    if (read_extensions(bs, s, header_len) < 0)
        return -1;
    return read_snapshots(bs, s, cv_be32(h + 60), cv_be64(h + 64));
}

static int
qcow2_open(cv_bdev *bs, unsigned int flags)
{
    qcow2_state *s = g_new0(qcow2_state, 1);
    g_autofree uint8_t *raw = NULL;

    bs->priv = s;
    if (parse_header(bs, s, flags) < 0)
        return -1;
    s->l1 = g_new0(uint64_t, s->l1_size ? s->l1_size : 1);
    if (s->l1_size) {
        raw = g_malloc((gsize)s->l1_size * 8);
        if (cv_bdev_pread(bs, raw, (size_t)s->l1_size * 8, s->l1_offset, "L1 table") < 0)
            return -1;
        for (uint32_t i = 0; i < s->l1_size; i++)
            s->l1[i] = cv_be64(raw + (size_t)i * 8);
    }
    s->l2_cache = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
    s->cbuf = g_malloc((gsize)s->cluster_size * 2);
    s->dbuf = g_malloc((gsize)s->cluster_size + 1);
    if (!bs->read_only)
        return qcow2_writer_start(bs);
    return 0;
}

/* The L2 table at host offset @off, cached; NULL with an error set. */
static const uint8_t *
l2_table(cv_bdev *bs, qcow2_state *s, uint64_t off)
{
    size_t bytes = (size_t)s->l2_entries * s->l2_entry_size;
    uint8_t *t = g_hash_table_lookup(s->l2_cache, &off);
    gint64 *key;

    if (t)
        return t;
    if (off % s->cluster_size || check_extent(bs, off, bytes, "L2 table") < 0) {
        if (!cv_error_is_set())
            QERR(CV_ERR_IMAGE_CORRUPT, bs, "L2 table offset 0x%" G_GINT64_MODIFIER "x is "
                 "not cluster aligned", off);
        return NULL;
    }
    /* Bounded: a few hundred tables cover terabytes; start over beyond. */
    if (g_hash_table_size(s->l2_cache) >= 256)
        g_hash_table_remove_all(s->l2_cache);
    t = g_malloc(bytes);
    if (cv_bdev_pread(bs, t, bytes, off, "L2 table") < 0) {
        g_free(t);
        return NULL;
    }
    key = g_new(gint64, 1);
    *key = (gint64)off;
    g_hash_table_insert(s->l2_cache, key, t);
    return t;
}

/* The L2 entry (and extended bitmap) of guest cluster @ci; 0 if unallocated. */
static int
l2_entry(cv_bdev *bs, qcow2_state *s, uint64_t ci, uint64_t *entry, uint64_t *bitmap)
{
    uint64_t l1i = ci / s->l2_entries, l2i = ci % s->l2_entries, l2off;
    const uint8_t *t;

    *entry = 0;
    *bitmap = 0;
    if (s->writer) {
        *entry = qcow2_writer_entry(s, ci);
        return 0;
    }
    if (l1i >= s->l1_size)
        return 0;
    l2off = s->l1[l1i] & QCOW2_OFFSET_MASK;
    if (!l2off)
        return 0;
    if (!(t = l2_table(bs, s, l2off)))
        return -1;
    *entry = cv_be64(t + l2i * s->l2_entry_size);
    if (s->extended_l2)
        *bitmap = cv_be64(t + l2i * s->l2_entry_size + 8);
    return 0;
}

int
qcow2_read_compressed(cv_bdev *bs, qcow2_state *s, uint64_t entry, uint8_t *out)
{
    unsigned int x = 62 - (s->cluster_bits - 8);
    uint64_t off = entry & ((1ULL << x) - 1);
    uint64_t sectors = (entry >> x) & ((1ULL << (s->cluster_bits - 8)) - 1);
    uint64_t csize = (sectors + 1) * 512 - (off & 511);
    size_t produced;

    if (s->dbuf_offset == off + 1) {
        memcpy(out, s->dbuf, s->cluster_size);
        return 0;
    }
    if (off >= bs->file_size)
        return QERR(CV_ERR_IMAGE_CORRUPT, bs, "compressed cluster at 0x%" G_GINT64_MODIFIER
                    "x lies beyond the end of the file", off);
    /* The last compressed cluster may end short of its descriptor's sector
     * count: qemu does not pad the file. */
    csize = MIN(csize, bs->file_size - off);
    if (csize > (uint64_t)s->cluster_size * 2)
        return QERR(CV_ERR_IMAGE_CORRUPT, bs, "compressed cluster of %" G_GUINT64_FORMAT
                    " bytes is larger than two clusters", csize);
    if (cv_bdev_pread(bs, s->cbuf, csize, off, "compressed cluster") < 0)
        return -1;
    if (s->compression_type == QCOW2_COMPRESS_ZSTD) {
        ZSTD_DCtx *dctx = ZSTD_createDCtx();
        ZSTD_inBuffer in = { s->cbuf, csize, 0 };
        ZSTD_outBuffer o = { s->dbuf, (size_t)s->cluster_size + 1, 0 };
        size_t r = 1;

        while (in.pos < in.size && o.pos < o.size && r != 0) {
            r = ZSTD_decompressStream(dctx, &o, &in);
            if (ZSTD_isError(r)) {
                ZSTD_freeDCtx(dctx);
                return QERR(CV_ERR_IMAGE_CORRUPT, bs, "compressed (zstd) cluster at 0x%" G_GINT64_MODIFIER
                            "x does not decompress: %s", off, ZSTD_getErrorName(r));
            }
        }
        ZSTD_freeDCtx(dctx);
        produced = o.pos;
    } else {
        z_stream z = { 0 };
        int r;

        if (inflateInit2(&z, -12) != Z_OK)
            return QERR(CV_ERR_NO_MEMORY, bs, "cannot start zlib");
        z.next_in = s->cbuf;
        z.avail_in = (uInt)csize;
        z.next_out = s->dbuf;
        z.avail_out = s->cluster_size + 1;
        r = inflate(&z, Z_FINISH);
        produced = (size_t)(s->cluster_size + 1) - z.avail_out;
        inflateEnd(&z);
        if (r != Z_STREAM_END && r != Z_BUF_ERROR && r != Z_OK)
            return QERR(CV_ERR_IMAGE_CORRUPT, bs, "compressed (zlib) cluster at 0x%" G_GINT64_MODIFIER
                        "x does not inflate (%s)", off, z.msg ? z.msg : "bad data");
    }
    if (produced > s->cluster_size)
        return QERR(CV_ERR_IMAGE_CORRUPT, bs, "compressed cluster at 0x%" G_GINT64_MODIFIER
                    "x inflates to more than a cluster", off);
    if (produced < s->cluster_size)
        return QERR(CV_ERR_IMAGE_CORRUPT, bs, "compressed cluster at 0x%" G_GINT64_MODIFIER
                    "x inflates to %zu bytes, less than a cluster", off, produced);
    s->dbuf_offset = off + 1;
    memcpy(out, s->dbuf, s->cluster_size);
    return 0;
}

/* Reads part of one subcluster-or-cluster run: [off, off+len) inside guest
 * cluster ci, all with the same state. */
static int
read_piece(cv_bdev *bs, qcow2_state *s, uint64_t entry, uint64_t bitmap, uint64_t off,
           uint8_t *buf, size_t len, size_t *done_len)
{
    uint64_t in_cluster = off & (s->cluster_size - 1);
    uint64_t host = entry & QCOW2_OFFSET_MASK;

    *done_len = MIN(len, (size_t)(s->cluster_size - in_cluster));
    if (entry & QCOW2_OFLAG_COMPRESSED) {
        g_autofree uint8_t *tmp = g_malloc(s->cluster_size);
        if (qcow2_read_compressed(bs, s, entry, tmp) < 0)
            return -1;
        memcpy(buf, tmp + in_cluster, *done_len);
        return 0;
    }
    if (s->extended_l2) {
        uint32_t sc = (uint32_t)(in_cluster / s->subcluster_size);
        uint64_t sc_end = (uint64_t)(sc + 1) * s->subcluster_size;
        *done_len = MIN(*done_len, (size_t)(sc_end - in_cluster));
        if (bitmap & (1ULL << sc))
            goto data;
        if (bitmap & (1ULL << (32 + sc))) {
            memset(buf, 0, *done_len);
            return 0;
        }
        return cv_bdev_read_backing(bs, off, buf, *done_len);
    }
    if (!s->extended_l2 && (entry & QCOW2_OFLAG_ZERO) && s->version >= 3) {
        memset(buf, 0, *done_len);
        return 0;
    }
    if (!host)
        return cv_bdev_read_backing(bs, off, buf, *done_len);
 data:
    if (host % s->cluster_size)
        return QERR(CV_ERR_IMAGE_CORRUPT, bs, "data cluster offset 0x%" G_GINT64_MODIFIER "x "
                    "is not cluster aligned", host);
    if (host >= bs->file_size)
        return QERR(CV_ERR_IMAGE_CORRUPT, bs, "data cluster at 0x%" G_GINT64_MODIFIER "x lies "
                    "beyond the end of the file (%" G_GUINT64_FORMAT " bytes)", host,
                    bs->file_size);
    {
        /* qemu may leave the file ending inside the last cluster (a
         * subcluster never written); what lies past the end reads zeros. */
        uint64_t start = host + in_cluster;
        size_t avail = start >= bs->file_size ? 0
                       : (size_t)MIN((uint64_t)*done_len, bs->file_size - start);
        memset(buf + avail, 0, *done_len - avail);
        return avail ? cv_bdev_pread(bs, buf, avail, start, "data cluster") : 0;
    }
}

static int
qcow2_read(cv_bdev *bs, uint64_t off, void *vbuf, size_t len)
{
    qcow2_state *s = bs->priv;
    uint8_t *buf = vbuf;

    while (len) {
        uint64_t entry, bitmap;
        size_t n;

        if (l2_entry(bs, s, off >> s->cluster_bits, &entry, &bitmap) < 0 ||
            read_piece(bs, s, entry, bitmap, off, buf, len, &n) < 0)
            return -1;
        off += n;
        buf += n;
        len -= n;
    }
    return 0;
}

/* Status of the subcluster-or-cluster at @off: CV_IMAGE_BLOCK_* and its end. */
static int
piece_status(cv_bdev *bs, qcow2_state *s, uint64_t off, unsigned int *status, uint64_t *end)
{
    uint64_t entry, bitmap;
    uint64_t cstart = off & ~(uint64_t)(s->cluster_size - 1);

    if (l2_entry(bs, s, off >> s->cluster_bits, &entry, &bitmap) < 0)
        return -1;
    *end = cstart + s->cluster_size;
    if (entry & QCOW2_OFLAG_COMPRESSED) {
        *status = CV_IMAGE_BLOCK_DATA | CV_IMAGE_BLOCK_ALLOCATED;
    } else if (s->extended_l2) {
        uint32_t sc = (uint32_t)((off - cstart) / s->subcluster_size);
        *end = cstart + (uint64_t)(sc + 1) * s->subcluster_size;
        *status = (bitmap & (1ULL << sc)) ? CV_IMAGE_BLOCK_DATA | CV_IMAGE_BLOCK_ALLOCATED :
                  (bitmap & (1ULL << (32 + sc))) ? CV_IMAGE_BLOCK_ZERO | CV_IMAGE_BLOCK_ALLOCATED : 0;
    } else if ((entry & QCOW2_OFLAG_ZERO) && s->version >= 3) {
        *status = CV_IMAGE_BLOCK_ZERO | CV_IMAGE_BLOCK_ALLOCATED;
    } else if (entry & QCOW2_OFFSET_MASK) {
        *status = CV_IMAGE_BLOCK_DATA | CV_IMAGE_BLOCK_ALLOCATED;
    } else {
        *status = 0;
    }
    return 0;
}

static int
qcow2_block_status(cv_bdev *bs, uint64_t off, uint64_t len, uint64_t *pnum,
                   unsigned int *status)
{
    qcow2_state *s = bs->priv;
    uint64_t pos = off, end;
    unsigned int st;

    if (piece_status(bs, s, pos, status, &end) < 0)
        return -1;
    pos = end;
    while (pos < off + len) {
        if (piece_status(bs, s, pos, &st, &end) < 0)
            return -1;
        if (st != *status)
            break;
        pos = end;
    }
    *pnum = MIN(pos, off + len) - off;
    return 0;
}

static void
qcow2_info(cv_bdev *bs, JsonBuilder *b)
{
    qcow2_state *s = bs->priv;

    json_builder_set_member_name(b, "cluster-size");
    json_builder_add_int_value(b, s->cluster_size);
    if (s->snapshots && s->snapshots->len) {
        json_builder_set_member_name(b, "snapshots");
        json_builder_begin_array(b);
        for (guint i = 0; i < s->snapshots->len; i++) {
            qcow2_snapshot *sn = g_ptr_array_index(s->snapshots, i);
            json_builder_begin_object(b);
            json_builder_set_member_name(b, "id");
            json_builder_add_string_value(b, sn->id);
            json_builder_set_member_name(b, "name");
            json_builder_add_string_value(b, sn->name);
            json_builder_set_member_name(b, "vm-state-size");
            json_builder_add_int_value(b, (gint64)sn->vm_state_size);
            json_builder_set_member_name(b, "date-sec");
            json_builder_add_int_value(b, sn->date_sec);
            json_builder_end_object(b);
        }
        json_builder_end_array(b);
    }
    json_builder_set_member_name(b, "format-specific");
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "type");
    json_builder_add_string_value(b, "qcow2");
    json_builder_set_member_name(b, "data");
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "compat");
    json_builder_add_string_value(b, s->version == 2 ? "0.10" : "1.1");
    json_builder_set_member_name(b, "compression-type");
    json_builder_add_string_value(b, s->compression_type == QCOW2_COMPRESS_ZSTD ? "zstd" : "zlib");
    json_builder_set_member_name(b, "lazy-refcounts");
    json_builder_add_boolean_value(b, s->compat & 1);
    json_builder_set_member_name(b, "refcount-bits");
    json_builder_add_int_value(b, 1 << s->refcount_order);
    json_builder_set_member_name(b, "corrupt");
    json_builder_add_boolean_value(b, (s->incompat & QCOW2_INCOMPAT_CORRUPT) != 0);
    json_builder_set_member_name(b, "extended-l2");
    json_builder_add_boolean_value(b, s->extended_l2);
    json_builder_end_object(b);
    json_builder_end_object(b);
}

static uint32_t
qcow2_cluster_size(cv_bdev *bs)
{
    return ((qcow2_state *)bs->priv)->cluster_size;
}

static const char *const qcow2_create_opts[] = {
    "cluster_size", "compat", "backing_file", "backing_fmt", "compression_type",
    "preallocation", "lazy_refcounts", NULL,
};

const cv_format cv_format_qcow2 = {
    .name = "qcow2",
    .probe = qcow2_probe,
    .open = qcow2_open,
    .create = qcow2_create,
    .read = qcow2_read,
    .write = qcow2_write,
    .block_status = qcow2_block_status,
    .flush = qcow2_flush,
    .info = qcow2_info,
    .close = qcow2_close,
    .create_opts = qcow2_create_opts,
    .cluster_size = qcow2_cluster_size,
};
