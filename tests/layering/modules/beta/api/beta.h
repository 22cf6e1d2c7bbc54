#pragma once
// Fixture: module beta's public header.
