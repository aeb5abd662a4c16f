/*
 * qcow2 writer.
 *
 * Model: a handle that opens an image with no data yet (what create makes)
 * appends data clusters after the existing metadata and keeps the mapping
 * (one in-memory L2 table per 'cluster_size * l2_entries' bytes of guest
 * space written) and refcounts in memory. flush() writes L2 tables, the L1
 * table and fresh refcount structures after the data and then points the
 * header at them, so the file on disk is a complete, exactly-refcounted
 * image after every flush, and an interrupted writer leaves the previous
 * complete image (the header is updated last).
 *
 * Writing into a qcow2 image that already holds data (someone else's
 * allocation) is refused: it needs the general allocator, which is not
 * written yet.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "storage/qcow2.h"

struct qcow2_writer {
    uint64_t **l2;             /* per L1 index: l2_entries host entries, or NULL */
    uint32_t l1_size;
    uint64_t cursor;           /* next free byte in the file */
    GArray *refcounts;         /* guint16 per host cluster */
    bool dirty;                /* data written since the last flush */
    uint64_t meta_start;       /* clusters of the metadata the header points */
    uint64_t meta_end;         /* at, written by the last flush; never reused */
    uint8_t *tmp;              /* one cluster */
    uint8_t *ztmp;             /* compressed output, one cluster */
};

#define WERR(bs, ...) cv_error_set(CV_ERR_IO, CV_FROM_IMAGE, __VA_ARGS__)

void
qcow2_writer_free(qcow2_writer *w)
{
    if (!w)
        return;
    for (uint32_t i = 0; i < w->l1_size; i++)
        g_free(w->l2[i]);
    g_free(w->l2);
    g_array_unref(w->refcounts);
    g_free(w->tmp);
    g_free(w->ztmp);
    g_free(w);
}

static uint64_t *
w_entry(qcow2_state *s, qcow2_writer *w, uint64_t ci, bool create)
{
    uint64_t l1i = ci / s->l2_entries;

    if (l1i >= w->l1_size)
        return NULL;
    if (!w->l2[l1i]) {
        if (!create)
            return NULL;
        w->l2[l1i] = g_new0(uint64_t, s->l2_entries);
    }
    return &w->l2[l1i][ci % s->l2_entries];
}

static void
ref_add(qcow2_writer *w, uint64_t cluster, int delta)
{
    guint16 *p;

    if (cluster >= w->refcounts->len)
        g_array_set_size(w->refcounts, (guint)cluster + 1);
    p = &g_array_index(w->refcounts, guint16, cluster);
    *p = (guint16)(*p + delta);
}

uint64_t
qcow2_writer_entry(qcow2_state *s, uint64_t ci)
{
    uint64_t *e = w_entry(s, s->writer, ci, false);

    return e ? *e : 0;
}

int
qcow2_writer_start(cv_bdev *bs)
{
    qcow2_state *s = bs->priv;
    qcow2_writer *w;

    for (uint32_t i = 0; i < s->l1_size; i++)
        if (s->l1[i])
            return 0;   /* holds data: stays read-only in practice, see qcow2_write */
    if (s->snapshots && s->snapshots->len)
        return 0;
    if (s->extended_l2 || s->refcount_order != 4)
        return 0;
    w = g_new0(qcow2_writer, 1);
    w->l1_size = s->l1_size;
    w->l2 = g_new0(uint64_t *, s->l1_size ? s->l1_size : 1);
    w->cursor = (bs->file_size + s->cluster_size - 1) & ~(uint64_t)(s->cluster_size - 1);
    w->refcounts = g_array_new(FALSE, TRUE, sizeof(guint16));
    w->tmp = g_malloc(s->cluster_size);
    w->ztmp = g_malloc(s->cluster_size);
    ref_add(w, 0, 1);   /* the header; the old empty tables become free */
    s->writer = w;
    return 0;
}

static uint64_t
alloc_cluster(qcow2_state *s, qcow2_writer *w)
{
    uint64_t off;

    w->cursor = (w->cursor + s->cluster_size - 1) & ~(uint64_t)(s->cluster_size - 1);
    off = w->cursor;
    w->cursor += s->cluster_size;
    ref_add(w, off >> s->cluster_bits, 1);
    return off;
}

/* Compresses one cluster into w->ztmp; returns the size, or 0 when it does
 * not shrink enough to be worth a compressed cluster. */
static size_t
compress_cluster(qcow2_state *s, qcow2_writer *w, const uint8_t *in)
{
    size_t limit = s->cluster_size - 512;

    if (s->compression_type == QCOW2_COMPRESS_ZSTD) {
        size_t r = ZSTD_compress(w->ztmp, limit, in, s->cluster_size, 3);
        return ZSTD_isError(r) ? 0 : r;
    } else {
        z_stream z = { 0 };
        size_t out;

        /* Raw deflate with a 4 KiB window, as qcow2 readers expect. */
        if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -12, 9,
                         Z_DEFAULT_STRATEGY) != Z_OK)
            return 0;
        z.next_in = (Bytef *)in;
        z.avail_in = s->cluster_size;
        z.next_out = w->ztmp;
        z.avail_out = (uInt)limit;
        if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
            deflateEnd(&z);
            return 0;
        }
        out = limit - z.avail_out;
        deflateEnd(&z);
        return out;
    }
}

static void
compressed_extent(qcow2_state *s, uint64_t entry, uint64_t *off, uint64_t *len)
{
    unsigned int x = 62 - (s->cluster_bits - 8);
    uint64_t sectors = (entry >> x) & ((1ULL << (s->cluster_bits - 8)) - 1);

    *off = entry & ((1ULL << x) - 1);
    *len = (sectors + 1) * 512 - (*off & 511);
}

static void
refs_range(qcow2_state *s, qcow2_writer *w, uint64_t off, uint64_t len, int delta)
{
    for (uint64_t c = off >> s->cluster_bits; c <= (off + len - 1) >> s->cluster_bits; c++)
        ref_add(w, c, delta);
}

static int
write_compressed(cv_bdev *bs, qcow2_state *s, qcow2_writer *w, uint64_t *entry,
                 const uint8_t *data, size_t csize)
{
    unsigned int x = 62 - (s->cluster_bits - 8);
    uint64_t off = w->cursor;
    uint64_t sectors = (off + csize - 1) / 512 - off / 512;

    if (cv_bdev_pwrite(bs, data, csize, off, "compressed cluster") < 0)
        return -1;
    w->cursor += csize;
    refs_range(s, w, off, csize, 1);
    *entry = QCOW2_OFLAG_COMPRESSED | (sectors << x) | off;
    return 0;
}

int
qcow2_write(cv_bdev *bs, uint64_t off, const void *vbuf, size_t len, unsigned int flags)
{
    qcow2_state *s = bs->priv;
    qcow2_writer *w = s->writer;
    const uint8_t *buf = vbuf;

    if (!w)
        return cv_error_set(CV_ERR_UNSUPPORTED, CV_FROM_IMAGE,
                            "qcow2 '%s': writing into an image that already holds "
                            "data, snapshots, extended L2 or non-16-bit refcounts is not "
                            "supported yet (write to a new image, e.g. with cv-img "
                            "convert)", bs->filename);
    while (len) {
        uint64_t ci = off >> s->cluster_bits;
        uint64_t in = off & (s->cluster_size - 1);
        size_t n = MIN(len, (size_t)(s->cluster_size - in));
        uint64_t *e = w_entry(s, w, ci, true);

        if (!e)
            return cv_error_set(CV_ERR_IMAGE_CORRUPT, CV_FROM_IMAGE,
                                "qcow2 '%s': offset beyond what the L1 table covers",
                                bs->filename);
        if (*e == 0 && !bs->backing && cv_buffer_is_zero(buf, n)) {
            /* Unallocated already reads as zeros: keep the hole. */
        } else if (*e && !(*e & QCOW2_OFLAG_COMPRESSED)) {
            if (cv_bdev_pwrite(bs, buf, n, (*e & QCOW2_OFFSET_MASK) + in, "data cluster") < 0)
                return -1;
        } else {
            const uint8_t *full = buf;
            uint64_t host;
            size_t csize = 0;

            if (n < s->cluster_size) {
                /* Copy-on-write: the rest of the cluster keeps what the
                 * guest saw (backing data, zeros, or the old compressed data). */
                if (*e & QCOW2_OFLAG_COMPRESSED) {
                    if (qcow2_read_compressed(bs, s, *e, w->tmp) < 0)
                        return -1;
                } else if (cv_bdev_read_backing(bs, ci << s->cluster_bits, w->tmp,
                                                s->cluster_size) < 0) {
                    return -1;
                }
                memcpy(w->tmp + in, buf, n);
                full = w->tmp;
            }
            if (*e & QCOW2_OFLAG_COMPRESSED) {
                uint64_t coff, clen;
                compressed_extent(s, *e, &coff, &clen);
                refs_range(s, w, coff, clen, -1);
                s->dbuf_offset = 0;
                *e = 0;
            }
            if (flags & CV_WRITE_COMPRESSED)
                csize = compress_cluster(s, w, full);
            if (csize) {
                if (write_compressed(bs, s, w, e, w->ztmp, csize) < 0)
                    return -1;
            } else {
                host = alloc_cluster(s, w);
                if (cv_bdev_pwrite(bs, full, s->cluster_size, host, "data cluster") < 0)
                    return -1;
                *e = host | QCOW2_OFLAG_COPIED;
            }
        }
        w->dirty = true;
        /* Readers of this handle check offsets against the file size. */
        bs->file_size = MAX(bs->file_size, w->cursor);
        off += n;
        buf += n;
        len -= n;
    }
    return 0;
}

/* Writes L2 tables, L1, refcount blocks and table after the data, then the
 * header fields that point at them. */
int
qcow2_flush(cv_bdev *bs)
{
    qcow2_state *s = bs->priv;
    qcow2_writer *w = s->writer;
    uint64_t cs = s->cluster_size, base, l1_off, rb_off, rt_off, total;
    uint64_t per_rb = cs / 2, nl2 = 0, l1c, rb = 0, rt = 0;
    g_autofree uint64_t *l2_off = NULL;
    g_autofree uint8_t *buf = NULL;
    uint8_t hdr[60 - 36];

    if (!w || !w->dirty)
        return 0;
    /* The last flush's metadata is replaced by this one's. */
    for (uint64_t c = w->meta_start; c < w->meta_end; c++)
        ref_add(w, c, -1);
    base = (w->cursor + cs - 1) & ~(cs - 1);
    l2_off = g_new0(uint64_t, w->l1_size ? w->l1_size : 1);
    for (uint32_t i = 0; i < w->l1_size; i++)
        if (w->l2[i])
            l2_off[i] = base + (nl2++) * cs;
    l1_off = base + nl2 * cs;
    l1c = ((uint64_t)w->l1_size * 8 + cs - 1) / cs;
    if (l1c == 0)
        l1c = 1;
    rb_off = l1_off + l1c * cs;
    /* Refcount blocks and table must count themselves: iterate to a fixpoint. */
    for (;;) {
        uint64_t n = (rb_off >> s->cluster_bits) + rb + rt;
        uint64_t need_rb = (n + per_rb - 1) / per_rb;
        uint64_t need_rt = (need_rb * 8 + cs - 1) / cs;
        if (need_rb == rb && need_rt == rt)
            break;
        rb = need_rb;
        rt = need_rt;
    }
    rt_off = rb_off + rb * cs;
    total = (rt_off >> s->cluster_bits) + rt;
    if (rt * cs > QCOW2_MAX_RT_BYTES)
        return cv_error_set(CV_ERR_RESOURCE_LIMIT, CV_FROM_IMAGE,
                            "qcow2 '%s': image too large for a refcount table", bs->filename);

    for (uint64_t c = base >> s->cluster_bits; c < total; c++)
        ref_add(w, c, 1);
    buf = g_malloc0(cs);

    for (uint32_t i = 0; i < w->l1_size; i++) {
        if (!w->l2[i])
            continue;
        for (uint32_t j = 0; j < s->l2_entries; j++)
            cv_put_be64(buf + (size_t)j * 8, w->l2[i][j]);
        if (cv_bdev_pwrite(bs, buf, cs, l2_off[i], "L2 table") < 0)
            return -1;
    }
    {
        g_autofree uint8_t *l1 = g_malloc0(l1c * cs);
        for (uint32_t i = 0; i < w->l1_size; i++)
            if (l2_off[i])
                cv_put_be64(l1 + (size_t)i * 8, l2_off[i] | QCOW2_OFLAG_COPIED);
        if (cv_bdev_pwrite(bs, l1, l1c * cs, l1_off, "L1 table") < 0)
            return -1;
    }
    for (uint64_t b = 0; b < rb; b++) {
        memset(buf, 0, cs);
        for (uint64_t k = 0; k < per_rb; k++) {
            uint64_t c = b * per_rb + k;
            if (c < w->refcounts->len)
                cv_put_be16(buf + k * 2, g_array_index(w->refcounts, guint16, c));
        }
        if (cv_bdev_pwrite(bs, buf, cs, rb_off + b * cs, "refcount block") < 0)
            return -1;
    }
    {
        g_autofree uint8_t *t = g_malloc0(rt * cs);
        for (uint64_t b = 0; b < rb; b++)
            cv_put_be64(t + b * 8, rb_off + b * cs);
        if (cv_bdev_pwrite(bs, t, rt * cs, rt_off, "refcount table") < 0)
            return -1;
    }
    /* Ordering: the new metadata must be durable before the header points
     * at it. A temporary output is synced once before it is renamed into
     * place instead, which orders everything at once. */
    if (!bs->no_sync && fdatasync(bs->fd) < 0)
        return cv_error_set_errno(CV_ERR_IO, CV_FROM_IMAGE, errno, "flushing '%s'",
                                  bs->filename);
    /* Header bytes 36..59: l1_size, l1_table_offset, refcount_table_offset,
     * refcount_table_clusters; written last so the old image stays valid
     * until the new one is complete. */
    cv_put_be32(hdr, w->l1_size);
    cv_put_be64(hdr + 4, l1_off);
    cv_put_be64(hdr + 12, rt_off);
    cv_put_be32(hdr + 20, (uint32_t)rt);
    if (cv_bdev_pwrite(bs, hdr, sizeof(hdr), 36, "header") < 0)
        return -1;
    /* The header points at this metadata now: new data goes after it, so a
     * crash before the next flush still leaves this image intact. */
    w->meta_start = base >> s->cluster_bits;
    w->meta_end = total;
    w->cursor = total * cs;
    s->l1_offset = l1_off;
    s->rt_offset = rt_off;
    s->rt_clusters = (uint32_t)rt;
    bs->file_size = total * cs;
    w->dirty = false;
    return 0;
}

/* ---- create ---- */

static int
opt_u64(GHashTable *opts, const char *key, uint64_t def, uint64_t *out)
{
    const char *v = g_hash_table_lookup(opts, key);
    guint64 x;

    *out = def;
    if (!v)
        return 0;
    if (!g_ascii_string_to_unsigned(v, 10, 0, G_MAXUINT64, &x, NULL)) {
        /* Accept sizes like 64k, 2M as qemu-img does. */
        char *end;
        x = g_ascii_strtoull(v, &end, 10);
        if (end == v || (*end != 'k' && *end != 'K' && *end != 'M' && *end != 'm') || end[1])
            return cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_IMAGE,
                                "option %s='%s' is not a number", key, v);
        x <<= (*end == 'k' || *end == 'K') ? 10 : 20;
    }
    *out = x;
    return 0;
}

int
qcow2_create(const char *path, uint64_t size, GHashTable *opts)
{
    const char *compat = g_hash_table_lookup(opts, "compat");
    const char *backing = g_hash_table_lookup(opts, "backing_file");
    const char *backing_fmt = g_hash_table_lookup(opts, "backing_fmt");
    const char *ctype = g_hash_table_lookup(opts, "compression_type");
    const char *prealloc = g_hash_table_lookup(opts, "preallocation");
    const char *lazy = g_hash_table_lookup(opts, "lazy_refcounts");
    uint64_t cs, l2_reach, l1_size, l1c, hlen;
    uint32_t cbits, version = 3;
    bool zstd = false;
    g_autofree uint8_t *img = NULL;
    size_t ext;
    int fd, err;

    if (opt_u64(opts, "cluster_size", 65536, &cs) < 0)
        return -1;
    if (cs < 512 || cs > CV_MAX_CLUSTER || (cs & (cs - 1)))
        return cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_IMAGE,
                            "cluster_size %" G_GUINT64_FORMAT " must be a power of two "
                            "from 512 to 2M", cs);
    cbits = (uint32_t)g_bit_nth_lsf(cs, -1);
    if (compat && g_str_equal(compat, "0.10"))
        version = 2;
    else if (compat && !g_str_equal(compat, "1.1") && !g_str_equal(compat, "v3"))
        return cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_IMAGE,
                            "compat '%s' is not 0.10 or 1.1", compat);
    if (ctype && g_str_equal(ctype, "zstd"))
        zstd = true;
    else if (ctype && !g_str_equal(ctype, "zlib"))
        return cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_IMAGE,
                            "compression_type '%s' is not zlib or zstd", ctype);
    if (zstd && version == 2)
        return cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_IMAGE,
                            "compression_type=zstd needs compat=1.1");
    if (prealloc && !g_str_equal(prealloc, "off"))
        return cv_error_set(CV_ERR_UNSUPPORTED, CV_FROM_IMAGE,
                            "preallocation=%s is not supported (only off)", prealloc);
    if (lazy && !g_str_equal(lazy, "off"))
        return cv_error_set(CV_ERR_UNSUPPORTED, CV_FROM_IMAGE,
                            "lazy_refcounts=%s is not supported (only off)", lazy);
    if (backing && strlen(backing) > QCOW2_MAX_BACKING_NAME)
        return cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_IMAGE,
                            "backing file name longer than %d bytes", QCOW2_MAX_BACKING_NAME);
    if (backing_fmt && strlen(backing_fmt) > 64)
        return cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_IMAGE, "backing format name too long");

    l2_reach = (cs / 8) * cs;
    l1_size = (size + l2_reach - 1) / l2_reach;
    if (l1_size * 8 > QCOW2_MAX_L1_BYTES || size > (1ULL << 56))
        return cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_IMAGE,
                            "size %" G_GUINT64_FORMAT " is too large for cluster size %"
                            G_GUINT64_FORMAT, size, cs);
    l1c = (l1_size * 8 + cs - 1) / cs;
    if (l1c == 0)
        l1c = 1;
    hlen = version == 3 ? 112 : QCOW2_V2_HEADER;
    ext = backing_fmt ? 8 + (strlen(backing_fmt) + 7) / 8 * 8 : 0;
    if (hlen + ext + 8 + (backing ? strlen(backing) : 0) > cs)
        return cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_IMAGE,
                            "header and backing file name do not fit in one %"
                            G_GUINT64_FORMAT "-byte cluster", cs);

    /* Layout: header | refcount table | refcount block | L1 table. */
    img = g_malloc0((3 + l1c) * cs);
    cv_put_be32(img, QCOW2_MAGIC);
    cv_put_be32(img + 4, version);
    cv_put_be32(img + 20, cbits);
    cv_put_be64(img + 24, size);
    cv_put_be32(img + 36, (uint32_t)l1_size);
    cv_put_be64(img + 40, 3 * cs);
    cv_put_be64(img + 48, cs);
    cv_put_be32(img + 56, 1);
    if (version == 3) {
        cv_put_be64(img + 72, zstd ? QCOW2_INCOMPAT_COMPRESSION : 0);
        cv_put_be32(img + 96, 4);
        cv_put_be32(img + 100, (uint32_t)hlen);
        img[104] = zstd ? QCOW2_COMPRESS_ZSTD : QCOW2_COMPRESS_ZLIB;
    }
    {
        size_t p = hlen;
        if (backing_fmt) {
            cv_put_be32(img + p, QCOW2_EXT_BACKING_FORMAT);
            cv_put_be32(img + p + 4, (uint32_t)strlen(backing_fmt));
            memcpy(img + p + 8, backing_fmt, strlen(backing_fmt));
            p += ext;
        }
        p += 8;   /* end-of-extensions marker: zeros */
        if (backing) {
            memcpy(img + p, backing, strlen(backing));
            cv_put_be64(img + 8, p);
            cv_put_be32(img + 16, (uint32_t)strlen(backing));
        }
    }
    cv_put_be64(img + cs, 2 * cs);                  /* refcount table -> block */
    for (uint64_t c = 0; c < 3 + l1c; c++)          /* 16-bit refcounts of 1 */
        cv_put_be16(img + 2 * cs + c * 2, 1);

    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return cv_error_set_errno(CV_ERR_IO, CV_FROM_IMAGE, errno, "creating '%s'", path);
    {
        size_t len = (3 + l1c) * cs, done = 0;
        while (done < len) {
            ssize_t r = write(fd, img + done, len - done);
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0) {
                err = errno;
                close(fd);
                return cv_error_set_errno(CV_ERR_IO, CV_FROM_IMAGE, err, "writing '%s'", path);
            }
            done += (size_t)r;
        }
    }
    if (fsync(fd) < 0) {
        err = errno;
        close(fd);
        return cv_error_set_errno(CV_ERR_IO, CV_FROM_IMAGE, err, "writing '%s'", path);
    }
    close(fd);
    return 0;
}
