/*
 * Volume upload and download for the test driver. Its volumes are real
 * files, so a stream is the generic file stream on the volume's path,
 * looked up afresh so that a deleted volume fails with CV_ERR_NO_VOLUME.
 */
#include <config.h>

#include "core/error.h"
#include "core/object.h"
#include "core/stream.h"
#include "drivers/test/test-priv.h"
#include "drivers/test/test-stream.h"

static int
transfer(cv_volume *vol, cv_stream *st, uint64_t offset, uint64_t length)
{
    g_autofree char *path = test_volume_get_path(vol);

    if (!path) {
        if (!cv_error_is_set())
            cv_error_set(CV_ERR_NO_VOLUME, CV_FROM_TEST,
                         "no volume '%s' in pool '%s'", vol->name, vol->pool);
        return -1;
    }
    return cv_stream_file_attach(st, path, offset, length);
}

int
test_volume_upload(cv_volume *vol, cv_stream *st, uint64_t offset, uint64_t length,
                   unsigned int flags)
{
    return transfer(vol, st, offset, length);
}

int
test_volume_download(cv_volume *vol, cv_stream *st, uint64_t offset, uint64_t length,
                     unsigned int flags)
{
    return transfer(vol, st, offset, length);
}
