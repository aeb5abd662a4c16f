#include <config.h>

#include <string.h>

#include "core/object.h"

void
cv_uuid_generate(unsigned char *uuid)
{
    g_autofree char *s = g_uuid_string_random();

    cv_uuid_parse(s, uuid);
}

/* Accepts the canonical 8-4-4-4-12 form and, as libvirt does, 32 bare hex
 * digits; nothing else. */
int
cv_uuid_parse(const char *str, unsigned char *uuid)
{
    size_t n = 0;

    if (!str)
        return -1;
    for (const char *p = str; *p; p++) {
        if (*p == '-') {
            size_t pos = p - str;
            if (pos != 8 && pos != 13 && pos != 18 && pos != 23)
                return -1;
            continue;
        }
        if (!g_ascii_isxdigit(p[0]) || !g_ascii_isxdigit(p[1]) || n == CV_UUID_BUFLEN)
            return -1;
        uuid[n++] = (g_ascii_xdigit_value(p[0]) << 4) | g_ascii_xdigit_value(p[1]);
        p++;
    }
    return n == CV_UUID_BUFLEN ? 0 : -1;
}

void
cv_uuid_format(const unsigned char *uuid, char *buf)
{
    g_snprintf(buf, CV_UUID_STRING_BUFLEN,
               "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
               "%02x%02x%02x%02x%02x%02x",
               uuid[0], uuid[1], uuid[2], uuid[3], uuid[4], uuid[5],
               uuid[6], uuid[7], uuid[8], uuid[9], uuid[10], uuid[11],
               uuid[12], uuid[13], uuid[14], uuid[15]);
}
