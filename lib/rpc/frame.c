/*
 * Frames: a 4-byte big-endian length, then the payload. The length is
 * checked before anything is allocated, so a hostile peer can cost us at
 * most CV_RPC_MAX_FRAME bytes per frame.
 */
#include <config.h>

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/error.h"
#include "rpc/protocol.h"

int
cv_rpc_frame_write(int fd, GBytes *frame)
{
    gsize len;
    const guint8 *p = g_bytes_get_data(frame, &len);

    while (len > 0) {
        /* send() with MSG_NOSIGNAL: a peer that went away must give an
         * error, not kill the program with SIGPIPE. Pipes fall back to
         * write() (cloudvirtd ignores SIGPIPE itself). */
        ssize_t n = send(fd, p, len, MSG_NOSIGNAL);

        if (n < 0 && errno == ENOTSOCK)
            n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return cv_error_set_errno(CV_ERR_CONNECTION_CLOSED, CV_FROM_RPC, errno,
                                      "sending to the remote side failed");
        }
        p += n;
        len -= n;
    }
    return 0;
}

/* 1 when @len bytes were read, 0 on end of input before the first byte,
 * -1 on error or end of input after some bytes (errno set, 0 for EOF). */
static int
read_full(int fd, guint8 *buf, gsize len)
{
    gsize done = 0;

    while (done < len) {
        ssize_t n = read(fd, buf + done, len - done);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (n == 0) {
            errno = 0;
            return done == 0 ? 0 : -1;
        }
        done += n;
    }
    return 1;
}

int
cv_rpc_frame_read(int fd, guint32 max, GBytes **out)
{
    guint8 prefix[4];
    guint32 len;
    guint8 *buf;
    int r;

    r = read_full(fd, prefix, sizeof(prefix));
    if (r == 0)
        return 0;
    if (r < 0) {
        if (errno)
            return cv_error_set_errno(CV_ERR_CONNECTION_CLOSED, CV_FROM_RPC, errno,
                                      "receiving from the remote side failed");
        return cv_error_set(CV_ERR_CONNECTION_CLOSED, CV_FROM_RPC,
                            "the remote side closed the connection inside a "
                            "frame header");
    }
    len = (guint32)prefix[0] << 24 | (guint32)prefix[1] << 16 |
          (guint32)prefix[2] << 8 | prefix[3];
    if (len == 0 || len > max)
        return cv_error_set(CV_ERR_RPC, CV_FROM_RPC,
                            "the remote side announced a frame of %u bytes; the "
                            "limit is %u (a protocol error or a hostile peer)",
                            len, max);
    buf = g_malloc(len);
    r = read_full(fd, buf, len);
    if (r <= 0) {
        int err = errno;

        g_free(buf);
        if (err)
            return cv_error_set_errno(CV_ERR_CONNECTION_CLOSED, CV_FROM_RPC, err,
                                      "receiving a %u-byte frame failed", len);
        return cv_error_set(CV_ERR_CONNECTION_CLOSED, CV_FROM_RPC,
                            "the remote side closed the connection inside a "
                            "%u-byte frame", len);
    }
    *out = g_bytes_new_take(buf, len);
    return 1;
}
