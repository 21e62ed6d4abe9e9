# make run   - start the portal with demo data (embedded PostgreSQL, http://localhost:5080)
# make test  - run every test (installs what is missing first)
.PHONY: run test build install-prereqs restore test-tools bench format format-check

install-prereqs:
	@bash scripts/install-prereqs.sh

restore:
	dotnet restore PartnerPrograms.sln

build: install-prereqs restore
	dotnet build PartnerPrograms.sln --no-restore -c Debug

run: install-prereqs
	ASPNETCORE_ENVIRONMENT=Development dotnet run --project Web --launch-profile http

test-tools:
	@npm ci --prefix tests/tools --no-audit --no-fund --loglevel=error >/dev/null

# The code style of .editorconfig (layout, usings): `make format` applies it, `make test` (so CI) checks it.
# After a build: on a tree never built, dotnet format cannot see the generated code and would drop usings it needs.
format: build
	dotnet format PartnerPrograms.sln --no-restore --severity warn

format-check: build
	dotnet format PartnerPrograms.sln --no-restore --severity warn --verify-no-changes

test: build format-check test-tools
	dotnet test PartnerPrograms.sln --no-build -c Debug --logger "console;verbosity=normal"
