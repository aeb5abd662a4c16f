/*
 * The drivers, in the order cv_connect_open() asks them. Each answers
 * SUCCESS, DECLINED or ERROR for a URI; remote goes last so that a local
 * driver never loses a URI it understands.
 */
#include <config.h>

#include "core/driver.h"
#include "core/error.h"
#include "core/object.h"

extern const cv_driver cv_test_driver;

static const cv_driver *const drivers[] = {
    &cv_test_driver,
    NULL,
};

const cv_driver *const *
cv_registry_drivers(void)
{
    return drivers;
}

int
cv_error_unsupported(cv_connect *conn, const char *operation)
{
    return cv_error_set(CV_ERR_UNSUPPORTED, CV_FROM_CORE,
                        "operation '%s' is not supported by the '%s' driver",
                        operation, conn->driver->name);
}
