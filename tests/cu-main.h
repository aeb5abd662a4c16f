/*
 * Shared CUnit runner for every test program: runs the suites a test file
 * registers, prints CUnit's basic-mode summary (CI reads its "Run Summary"
 * lines) and exits non-zero when anything failed.
 *
 * A test file defines `static const cu_suite cu_suites[]` ending with
 * CU_SUITE_END and then uses CU_MAIN(). List cases with CU_CASE(fn) (CUnit
 * itself already defines CU_TEST as an assertion).
 */
#pragma once

#include <stdio.h>
#include <stdlib.h>
#include <CUnit/Basic.h>

typedef struct {
    const char *name;
    CU_InitializeFunc init;
    CU_CleanupFunc cleanup;
    CU_TestInfo *tests;
} cu_suite;

#define CU_SUITE_END { NULL, NULL, NULL, NULL }
#define CU_CASE(fn) { #fn, fn }

static inline int
cu_run(const cu_suite *suites)
{
    unsigned int failed;

    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    for (const cu_suite *s = suites; s->name; s++) {
        CU_pSuite suite = CU_add_suite(s->name, s->init, s->cleanup);
        if (!suite)
            return 2;
        for (CU_TestInfo *t = s->tests; t->pName; t++)
            if (!CU_add_test(suite, t->pName, t->pTestFunc))
                return 2;
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    failed = CU_get_number_of_failures() + CU_get_number_of_suites_failed() +
             CU_get_number_of_tests_failed();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}

#define CU_MAIN()                      \
    int main(void)                     \
    {                                  \
        return cu_run(cu_suites);      \
    }
