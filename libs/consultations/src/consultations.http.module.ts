import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { WebModule } from '@hokenshitsu/web';
import { ConsultationsModule } from './consultations.module.js';
import { ConsultationsController } from './consultations/consultations.controller.js';
import { ConsultationsPageController } from './pages/consultations.page.controller.js';
import { UploadFormMiddleware } from './pages/upload-form.middleware.js';

/** The HTTP side of consultations: the API and the counsellors' pages; only the api mounts it. */
@Module({
  imports: [ConsultationsModule, WebModule],
  controllers: [ConsultationsController, ConsultationsPageController],
  providers: [UploadFormMiddleware],
})
export class ConsultationsHttpModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(UploadFormMiddleware).forRoutes({ path: 'consultations/import', method: RequestMethod.POST });
  }
}
