#pragma once

#include "sdkreplay.h"

#include <gtest/gtest.h>

namespace kili::sandbox::testing {

// One sandbox with the demo projects (in memory) per test suite, a client with its key, and the
// SDK's requests replayed on it. Suites that write put back what they can or run on their own.
class SdkDemoTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        SandboxOptions options;
        options.seedDemo = true;
        server = new SandboxServer(options);
        QString error;
        ASSERT_TRUE(server->start(&error)) << error.toStdString();
        client = new SandboxClient(*server);
        sdk = new SdkReplay(*client);
    }
    static void TearDownTestSuite() {
        delete sdk;
        delete client;
        delete server;
        sdk = nullptr;
        client = nullptr;
        server = nullptr;
    }

    static inline SandboxServer* server = nullptr;
    static inline SandboxClient* client = nullptr;
    static inline SdkReplay* sdk = nullptr;
};

} // namespace kili::sandbox::testing
