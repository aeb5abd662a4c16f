/*
 * Public stream entry points, and the file-backed stream that local
 * drivers attach to a volume whose data is a plain file.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/check.h"
#include "core/object.h"
#include "core/stream.h"

void cv_connect_unref_internal(cv_connect *conn);

#define CV_CHECK_STREAM(s, ret) CV_CHECK_HANDLE(s, "stream", ret)

static cv_stream *
stream_start(cv_volume *vol, gboolean upload, uint64_t offset, uint64_t length,
             unsigned int flags)
{
    cv_stream *st;
    int (*entry)(cv_volume *, cv_stream *, uint64_t, uint64_t, unsigned int);

    entry = upload ? vol->conn->driver->volume_upload : vol->conn->driver->volume_download;
    if (!entry) {
        cv_error_unsupported(vol->conn, upload ? "volume_upload" : "volume_download");
        return NULL;
    }
    if (length && offset + length < offset) {
        cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_CORE,
                     "offset %" G_GUINT64_FORMAT " + length %" G_GUINT64_FORMAT
                     " overflows", (guint64)offset, (guint64)length);
        return NULL;
    }
    st = g_new0(cv_stream, 1);
    st->refs = 1;
    g_atomic_int_inc(&vol->conn->refs);
    st->conn = vol->conn;
    st->upload = upload;
    g_mutex_init(&st->lock);
    if (entry(vol, st, offset, length, flags) < 0 || !st->ops) {
        if (!cv_error_is_set())
            cv_error_set(CV_ERR_INTERNAL, CV_FROM_CORE, "driver '%s' opened no stream",
                         vol->conn->driver->name);
        st->done = TRUE;
        cv_stream_free(st);
        return NULL;
    }
    return st;
}

cv_stream *
cv_volume_upload(cv_volume *vol, uint64_t offset, uint64_t length, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_VOLUME(vol, NULL);
    CV_CHECK_FLAGS(flags, 0, NULL);
    CV_CHECK_WRITABLE(vol->conn, NULL);
    return stream_start(vol, TRUE, offset, length, flags);
}

cv_stream *
cv_volume_download(cv_volume *vol, uint64_t offset, uint64_t length, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_VOLUME(vol, NULL);
    CV_CHECK_FLAGS(flags, 0, NULL);
    return stream_start(vol, FALSE, offset, length, flags);
}

static int
stream_check_open(cv_stream *st, gboolean want_upload, const char *fn)
{
    if (st->done)
        return cv_error_set(CV_ERR_OPERATION_INVALID, CV_FROM_CORE,
                            "%s: the stream is already finished or aborted", fn);
    if (want_upload != st->upload)
        return cv_error_set(CV_ERR_OPERATION_INVALID, CV_FROM_CORE,
                            "%s: this is %s stream", fn,
                            st->upload ? "an upload" : "a download");
    return 0;
}

int
cv_stream_send(cv_stream *st, const char *data, size_t nbytes)
{
    int r;

    cv_error_reset();
    CV_CHECK_STREAM(st, -1);
    if (nbytes)
        CV_CHECK_NONNULL(data, -1);
    g_mutex_lock(&st->lock);
    r = stream_check_open(st, TRUE, G_STRFUNC);
    if (r == 0 && nbytes)
        r = st->ops->send(st, data, nbytes);
    g_mutex_unlock(&st->lock);
    return r;
}

int64_t
cv_stream_recv(cv_stream *st, char *data, size_t nbytes)
{
    gssize r;

    cv_error_reset();
    CV_CHECK_STREAM(st, -1);
    CV_CHECK_NONNULL(data, -1);
    if (nbytes == 0)
        return cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_CORE,
                            "%s: a zero-sized buffer cannot tell data from the end",
                            G_STRFUNC);
    g_mutex_lock(&st->lock);
    r = stream_check_open(st, FALSE, G_STRFUNC);
    if (r == 0)
        r = st->ops->recv(st, data, nbytes);
    g_mutex_unlock(&st->lock);
    return r;
}

int
cv_stream_finish(cv_stream *st)
{
    int r;

    cv_error_reset();
    CV_CHECK_STREAM(st, -1);
    g_mutex_lock(&st->lock);
    r = stream_check_open(st, st->upload, G_STRFUNC);
    if (r == 0) {
        r = st->ops->finish(st);
        st->done = TRUE;
    }
    g_mutex_unlock(&st->lock);
    return r;
}

int
cv_stream_abort(cv_stream *st)
{
    int r = 0;

    cv_error_reset();
    CV_CHECK_STREAM(st, -1);
    g_mutex_lock(&st->lock);
    if (!st->done) {
        r = st->ops->abort(st);
        st->done = TRUE;
    }
    g_mutex_unlock(&st->lock);
    return r;
}

int
cv_stream_ref(cv_stream *st)
{
    cv_error_reset();
    CV_CHECK_STREAM(st, -1);
    g_atomic_int_inc(&st->refs);
    return 0;
}

void
cv_stream_free(cv_stream *st)
{
    if (!st || !g_atomic_int_dec_and_test(&st->refs))
        return;
    {
        cv_error_saved *saved = cv_error_save();

        if (!st->done && st->ops)
            st->ops->abort(st);
        if (st->ops && st->ops->free)
            st->ops->free(st);
        cv_connect_unref_internal(st->conn);
        cv_error_restore(saved);
    }
    g_mutex_clear(&st->lock);
    g_free(st);
}

/* ---- file-backed streams ---- */

typedef struct {
    int fd;
    char *path;
    guint64 pos;        /* next file offset */
    guint64 end;        /* G_MAXUINT64: unbounded */
    guint64 want;       /* upload: bytes promised (0: any) */
    guint64 sent;
} file_stream;

static int
fs_send(cv_stream *st, const char *data, size_t n)
{
    file_stream *f = st->priv;

    if (n > f->end - f->pos)
        return cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_CORE,
                            "upload to '%s': %zu more bytes would go past the %"
                            G_GUINT64_FORMAT " bytes announced", f->path, n, f->want);
    while (n > 0) {
        ssize_t w = pwrite(f->fd, data, n, f->pos);

        if (w < 0) {
            if (errno == EINTR)
                continue;
            return cv_error_set_errno(CV_ERR_IO, CV_FROM_CORE, errno,
                                      "writing '%s' at offset %" G_GUINT64_FORMAT,
                                      f->path, f->pos);
        }
        f->pos += w;
        f->sent += w;
        data += w;
        n -= w;
    }
    return 0;
}

static gssize
fs_recv(cv_stream *st, char *data, size_t n)
{
    file_stream *f = st->priv;
    ssize_t r;

    n = MIN((guint64)n, f->end - f->pos);
    if (n == 0)
        return 0;
    do {
        r = pread(f->fd, data, n, f->pos);
    } while (r < 0 && errno == EINTR);
    if (r < 0)
        return cv_error_set_errno(CV_ERR_IO, CV_FROM_CORE, errno,
                                  "reading '%s' at offset %" G_GUINT64_FORMAT,
                                  f->path, f->pos);
    f->pos += r;
    return r;
}

static int
fs_finish(cv_stream *st)
{
    file_stream *f = st->priv;

    if (st->upload && f->want && f->sent != f->want)
        return cv_error_set(CV_ERR_OPERATION_FAILED, CV_FROM_CORE,
                            "upload to '%s' finished after %" G_GUINT64_FORMAT
                            " of the %" G_GUINT64_FORMAT " bytes announced",
                            f->path, f->sent, f->want);
    /* Like cp or ssh 'cat > file', and libvirt's vol-upload: the data is in
     * the file, not necessarily on stable storage yet. */
    return 0;
}

static int
fs_abort(cv_stream *st)
{
    return 0;
}

static void
fs_free(cv_stream *st)
{
    file_stream *f = st->priv;

    if (f->fd >= 0)
        close(f->fd);
    g_free(f->path);
    g_free(f);
}

static const cv_stream_ops file_stream_ops = {
    .send = fs_send,
    .recv = fs_recv,
    .finish = fs_finish,
    .abort = fs_abort,
    .free = fs_free,
};

int
cv_stream_file_attach(cv_stream *st, const char *path, uint64_t offset, uint64_t length)
{
    file_stream *f;
    struct stat sb;
    int fd = open(path, (st->upload ? O_WRONLY : O_RDONLY) | O_CLOEXEC);

    if (fd < 0)
        return cv_error_set_errno(CV_ERR_IO, CV_FROM_CORE, errno, "opening '%s' for %s",
                                  path, st->upload ? "upload" : "download");
    if (fstat(fd, &sb) < 0) {
        int e = errno;
        close(fd);
        return cv_error_set_errno(CV_ERR_IO, CV_FROM_CORE, e, "stat '%s'", path);
    }
    if (!st->upload && offset > (guint64)sb.st_size) {
        close(fd);
        return cv_error_set(CV_ERR_INVALID_ARG, CV_FROM_CORE,
                            "download from '%s' at offset %" G_GUINT64_FORMAT
                            ": the file has only %" G_GUINT64_FORMAT " bytes",
                            path, (guint64)offset, (guint64)sb.st_size);
    }
    f = g_new0(file_stream, 1);
    f->fd = fd;
    f->path = g_strdup(path);
    f->pos = offset;
    f->want = st->upload ? length : 0;
    if (st->upload)
        f->end = length ? offset + length : G_MAXUINT64;
    else
        f->end = length ? MIN(offset + length, (guint64)sb.st_size) : (guint64)sb.st_size;
    st->ops = &file_stream_ops;
    st->priv = f;
    return 0;
}
