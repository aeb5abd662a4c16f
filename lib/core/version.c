#include <config.h>

#include <glib.h>
#include <cloudvirt/cv-common.h>

unsigned long
cv_version(void)
{
    return CV_VERSION_NUMBER;
}

const char *
cv_version_string(void)
{
    return G_STRINGIFY(CV_VERSION_MAJOR) "." G_STRINGIFY(CV_VERSION_MINOR)
           "." G_STRINGIFY(CV_VERSION_MICRO);
}

void
cv_free(void *ptr)
{
    g_free(ptr);
}
