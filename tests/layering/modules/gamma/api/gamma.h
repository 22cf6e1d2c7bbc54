#pragma once
// Fixture: module gamma's public header.
