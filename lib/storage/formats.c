/*
 * The formats we know, in probing order. raw comes last and is never
 * chosen by probing: it is what a file is only when asked for.
 */
#include <config.h>

#include "storage/format.h"

static const cv_format *const formats[] = {
    &cv_format_qcow2,
    &cv_format_raw,
    NULL,
};

const cv_format *const *
cv_format_all(void)
{
    return formats;
}

const cv_format *
cv_format_find(const char *name)
{
    for (const cv_format *const *f = formats; *f; f++)
        if (g_str_equal((*f)->name, name))
            return *f;
    return NULL;
}

bool
cv_buffer_is_zero(const void *buf, size_t len)
{
    const uint8_t *p = buf;

    /* Check the first bytes by hand, then compare the buffer with itself
     * shifted by 16: memcmp is vectorised and this touches each byte once. */
    if (len < 16) {
        for (size_t i = 0; i < len; i++)
            if (p[i])
                return false;
        return true;
    }
    for (size_t i = 0; i < 16; i++)
        if (p[i])
            return false;
    return memcmp(p, p + 16, len - 16) == 0;
}
