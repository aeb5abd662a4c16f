/*
 * Streams inside the library. lib/core makes the handle and checks the
 * public calls; the driver's volume_upload/volume_download entry attaches
 * its own operations (ops + priv) to it. Local drivers whose volumes are
 * plain files use cv_stream_file_attach().
 *
 * lib/core calls ops one at a time per stream (st->lock), and never after
 * finish or abort returned; free runs once, from the last unref.
 */
#pragma once

#include <glib.h>
#include <cloudvirt/cloudvirt.h>
#include <cloudvirt/cv-stream.h>

typedef struct {
    int (*send)(cv_stream *st, const char *data, size_t nbytes);
    gssize (*recv)(cv_stream *st, char *data, size_t nbytes);
    int (*finish)(cv_stream *st);
    int (*abort)(cv_stream *st);
    void (*free)(cv_stream *st);      /* releases priv */
} cv_stream_ops;

struct cv_stream {
    gint refs;
    cv_connect *conn;                 /* referenced */
    gboolean upload;
    GMutex lock;
    gboolean done;                    /* finished or aborted */
    const cv_stream_ops *ops;         /* set by the driver */
    void *priv;
};

/*
 * Makes @st read (download) or write (upload) the file at @path, from
 * @offset, @length bytes (0: to the end / unlimited). Returns 0 or -1 with
 * CV_ERR_IO naming the file.
 */
int cv_stream_file_attach(cv_stream *st, const char *path, uint64_t offset,
                          uint64_t length);
