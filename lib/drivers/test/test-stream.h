/*
 * Volume streams for the test driver (test-stream.c, written by REMOTE for
 * issue 5): the volume's file is read or written as it is.
 */
#pragma once

#include "core/driver.h"

int test_volume_upload(cv_volume *vol, cv_stream *st, uint64_t offset,
                       uint64_t length, unsigned int flags);
int test_volume_download(cv_volume *vol, cv_stream *st, uint64_t offset,
                         uint64_t length, unsigned int flags);
