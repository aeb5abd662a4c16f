/*
 * cv-stream.h: bulk data to and from volumes. A stream is a handle on one
 * transfer: an upload is fed with cv_stream_send() and completed with
 * cv_stream_finish(); a download is read with cv_stream_recv() until it
 * returns 0, then completed with cv_stream_finish(). Over a remote
 * connection the data travels on the same SSH channel as calls, with flow
 * control, so a slow reader never makes the library buffer without bound.
 */
#ifndef CLOUDVIRT_CV_STREAM_H
#define CLOUDVIRT_CV_STREAM_H

#include <cloudvirt/cv-common.h>
#include <cloudvirt/cv-storage.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cv_stream cv_stream;

/**
 * cv_volume_upload:
 * @vol: a volume
 * @offset: where in the volume's file the data goes, in bytes
 * @length: how many bytes will be sent, or 0 for "until cv_stream_finish()"
 * @flags: 0
 *
 * Starts writing raw bytes into the volume's file (nothing is converted;
 * the bytes land as they are sent). Bytes beyond @offset + @length are
 * refused; a finish with fewer than @length bytes sent fails.
 *
 * Returns: a stream (free with cv_stream_free()), or NULL on failure.
 *
 * Since: 0.1
 */
CV_API cv_stream *cv_volume_upload(cv_volume *vol, uint64_t offset, uint64_t length,
                                   unsigned int flags);

/**
 * cv_volume_download:
 * @vol: a volume
 * @offset: the first byte to read
 * @length: how many bytes, or 0 for "to the end of the file"
 * @flags: 0
 *
 * Returns: a stream (free with cv_stream_free()), or NULL on failure.
 *
 * Since: 0.1
 */
CV_API cv_stream *cv_volume_download(cv_volume *vol, uint64_t offset, uint64_t length,
                                     unsigned int flags);

/**
 * cv_stream_send:
 * @st: an upload stream
 * @data: bytes to send
 * @nbytes: how many
 *
 * Sends all of @data (blocking while the far side catches up).
 *
 * Returns: 0 on success, -1 on failure (the transfer is then over; free it).
 *
 * Since: 0.1
 */
CV_API int cv_stream_send(cv_stream *st, const char *data, size_t nbytes);

/**
 * cv_stream_recv:
 * @st: a download stream
 * @data: (out): buffer
 * @nbytes: its size
 *
 * Returns: the number of bytes stored (at least 1, waiting for them if
 * need be), 0 at the end of the data, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int64_t cv_stream_recv(cv_stream *st, char *data, size_t nbytes);

/**
 * cv_stream_finish:
 * @st: a stream
 *
 * Ends the transfer: for an upload, waits until every byte is written and
 * reports whether it was; for a download, confirms that all data was read.
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_stream_finish(cv_stream *st);

/**
 * cv_stream_abort:
 * @st: a stream
 *
 * Drops the transfer. Bytes already uploaded stay where they were written.
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_stream_abort(cv_stream *st);

/**
 * cv_stream_ref:
 * @st: a stream
 *
 * Returns: 0, or -1 if @st is NULL.
 *
 * Since: 0.1
 */
CV_API int cv_stream_ref(cv_stream *st);

/**
 * cv_stream_free:
 * @st: a stream, or NULL (a no-op)
 *
 * Drops a reference; the last one aborts a transfer still in progress.
 *
 * Since: 0.1
 */
CV_API void cv_stream_free(cv_stream *st);

#ifdef __cplusplus
}
#endif

#endif /* CLOUDVIRT_CV_STREAM_H */
