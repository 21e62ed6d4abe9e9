# make run   - start the portal with demo data (embedded PostgreSQL, http://localhost:5080)
# make test  - run every test (installs what is missing first)
.PHONY: run test build install-prereqs restore test-tools bench

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

test: build test-tools
	dotnet test PartnerPrograms.sln --no-build -c Debug --logger "console;verbosity=normal"
