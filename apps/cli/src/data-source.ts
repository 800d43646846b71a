import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { Company } from '@hokenshitsu/companies';
import { ConsultationEntity, ConsultationImport } from '@hokenshitsu/consultations';
import { loadConfigOrExit } from '@hokenshitsu/core';
import { dataSourceOptions } from '@hokenshitsu/database';
import { Release } from '@hokenshitsu/digests';
import { Session, User } from '@hokenshitsu/identity';

/**
 * For the TypeORM CLI (`npm run migration:generate`): every entity, so the generated migration is
 * the difference between the entities and the database. The apps load entities per module instead.
 */
export default new DataSource(dataSourceOptions(loadConfigOrExit().databaseUrl, [User, Session, Company, Release, ConsultationEntity, ConsultationImport]));
